package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorClients;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** Opening and closing ports edits the cluster's own security group on EC2; SSH is never closed. */
class AwsPortsTest {
    private static Ec2Emulator emulator;
    private static Path dir;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        dir = AwsTestSupport.tempDir("sky-aws-ports");
        skyKey = AwsTestSupport.key(dir, "sky-key");
        clusterKey = AwsTestSupport.key(dir, "cluster-key");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void closePortsRevokesOnlyThoseRulesAndKeepsSsh() {
        AwsProvisioner p = AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator));
        ProvisionRequest r = AwsTestSupport.request("ports-" + UUID.randomUUID().toString().substring(0, 8), 1,
                skyKey, clusterKey).withPorts(List.of(PortRange.single(8080), PortRange.parse("9000-9010")));
        p.create(r);
        assertThat(openTcp(r.clusterName())).contains("22-22", "8080-8080", "9000-9010");

        p.closePorts(r.ref(), List.of(PortRange.single(8080), PortRange.single(22)));
        assertThat(openTcp(r.clusterName())).contains("22-22", "9000-9010").doesNotContain("8080-8080");

        p.closePorts(r.ref(), List.of(PortRange.single(8080))); // already closed: not an error
        p.openPorts(r.ref(), List.of(PortRange.single(8080)));
        assertThat(openTcp(r.clusterName())).contains("8080-8080");
        p.terminate(r.ref());
        p.closePorts(r.ref(), List.of(PortRange.single(8080))); // group gone: nothing to close
    }

    private static List<String> openTcp(String cluster) {
        try (Ec2Client ec2 = EmulatorClients.ec2(emulator, AwsTestSupport.REGION)) {
            return ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("tag:" + AwsTags.CLUSTER)
                            .values(cluster).build())).securityGroups().stream()
                    .flatMap(g -> g.ipPermissions().stream())
                    .filter(e -> "tcp".equals(e.ipProtocol()))
                    .map(AwsPortsTest::range).toList();
        }
    }

    private static String range(IpPermission e) {
        return e.fromPort() + "-" + e.toPort();
    }
}
