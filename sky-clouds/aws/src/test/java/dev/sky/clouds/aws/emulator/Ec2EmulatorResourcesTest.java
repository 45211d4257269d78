package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** Security groups, key pairs and tags through the real SDK. */
class Ec2EmulatorResourcesTest {
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8/W7HkZGzJx4cJc2o4yA8fVQv0a6dVqPPW6h0"
            + "2C1tS sky-test";

    private static Ec2Emulator emulator;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        ec2 = EmulatorClients.ec2(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        ec2.close();
        emulator.close();
    }

    private static String code(Throwable t) {
        return ((AwsServiceException) t).awsErrorDetails().errorCode();
    }

    private static IpPermission tcp(int from, int to) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
                .ipRanges(r -> r.cidrIp("0.0.0.0/0")).build();
    }

    @Test
    void securityGroupRulesAndDependencies() {
        String id = ec2.createSecurityGroup(r -> r.groupName("sky-sg-c1").description("sky cluster c1")
                .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP)
                        .tags(Tag.builder().key("sky-cluster").value("c1").build()))).groupId();
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("sky-sg-c1").description("again")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));

        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(22, 22), tcp(8000, 8100)));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(22, 22))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));
        SecurityGroup g = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("tag:sky-cluster")
                .values("c1").build())).securityGroups().get(0);
        assertThat(g.groupName()).isEqualTo("sky-sg-c1");
        assertThat(g.ipPermissions()).extracting(IpPermission::fromPort).containsExactly(22, 8000);
        assertThat(g.ipPermissions().get(1).ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0");
        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                .values("sky-sg-*").build())).securityGroups()).extracting(SecurityGroup::groupId).containsExactly(id);

        ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(8000, 8100)));
        assertThatThrownBy(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(8000, 8100))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.NotFound"));

        String instance = ec2.runInstances(Ec2EmulatorInstancesTest.request("c1").securityGroupIds(id).build())
                .instances().get(0).instanceId();
        assertThat(ec2.describeInstances(r -> r.instanceIds(instance)).reservations().get(0).instances().get(0)
                .securityGroups().get(0).groupName()).isEqualTo("sky-sg-c1");
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.terminateInstances(r -> r.instanceIds(instance));
        ec2.deleteSecurityGroup(r -> r.groupId(id));
        assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.groupIds(id)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
        String defaultGroup = ec2.describeSecurityGroups(r -> r.groupNames("default")).securityGroups().get(0)
                .groupId();
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(defaultGroup)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("CannotDelete"));
    }

    @Test
    void keyPairs() {
        var imported = ec2.importKeyPair(r -> r.keyName("sky-key-u1")
                .publicKeyMaterial(SdkBytes.fromString(PUBLIC_KEY, StandardCharsets.UTF_8))
                .tagSpecifications(t -> t.resourceType(ResourceType.KEY_PAIR)
                        .tags(Tag.builder().key("sky-user").value("u1").build())));
        assertThat(imported.keyPairId()).startsWith("key-");
        assertThat(imported.keyFingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        assertThatThrownBy(() -> ec2.importKeyPair(r -> r.keyName("sky-key-u1")
                .publicKeyMaterial(SdkBytes.fromString(PUBLIC_KEY, StandardCharsets.UTF_8))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.Duplicate"));
        assertThatThrownBy(() -> ec2.importKeyPair(r -> r.keyName("bad")
                .publicKeyMaterial(SdkBytes.fromString("not a key", StandardCharsets.UTF_8))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));

        KeyPairInfo found = ec2.describeKeyPairs(r -> r.filters(Filter.builder().name("tag:sky-user").values("u1")
                .build()).includePublicKey(true)).keyPairs().get(0);
        assertThat(found.keyName()).isEqualTo("sky-key-u1");
        assertThat(found.publicKey()).isEqualTo(PUBLIC_KEY);
        assertThat(ec2.describeKeyPairs(r -> r.keyNames("sky-key-u1")).keyPairs()).hasSize(1);
        assertThatThrownBy(() -> ec2.describeKeyPairs(r -> r.keyNames("nobody")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.NotFound"));

        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("kp").keyName("sky-key-u1").build())
                .instances().get(0).instanceId();
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).keyName())
                .isEqualTo("sky-key-u1");
        ec2.terminateInstances(r -> r.instanceIds(id));

        ec2.deleteKeyPair(r -> r.keyName("sky-key-u1"));
        ec2.deleteKeyPair(r -> r.keyName("sky-key-u1")); // deleting a missing key pair succeeds, as in EC2
        assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
        try (Ec2Client west = EmulatorClients.ec2(emulator, "eu-west-1")) {
            assertThat(west.describeKeyPairs().keyPairs()).isEmpty();
        }
    }

    @Test
    void tags() {
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("tags").build()).instances().get(0)
                .instanceId();
        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("sky-rank").value("0").build(),
                Tag.builder().key("extra").value("x").build()));
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("extra").build()));
        assertThat(emulator.instance(id).tags()).containsEntry("sky-rank", "0").containsEntry("sky-cluster", "tags")
                .doesNotContainKey("extra");
        assertThat(ec2.describeTags(r -> r.filters(Filter.builder().name("resource-id").values(id).build()))
                .tags()).extracting(TagDescription::key).containsExactlyInAnyOrder("sky-cluster", "sky-rank");
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("i-0123456789abcdef0")
                .tags(Tag.builder().key("a").value("b").build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInstanceID.NotFound"));
        ec2.terminateInstances(r -> r.instanceIds(id));
        assertThat(emulator.liveInstances()).isEmpty();
    }
}
