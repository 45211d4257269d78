package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The instance actions and STS through the real SDK, in fast mode. */
class Ec2EmulatorInstancesTest {
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

    @AfterEach
    void cleanUp() {
        emulator.faults().reset();
        List<String> live = emulator.liveInstances().stream().map(Ec2Emulator.InstanceView::id).toList();
        live.stream().filter(id -> emulator.instance(id).region().equals("us-east-1"))
                .forEach(id -> ec2.terminateInstances(r -> r.instanceIds(id)));
        assertThat(emulator.liveInstances()).isEmpty();
    }

    static RunInstancesRequest.Builder request(String cluster) {
        return RunInstancesRequest.builder().imageId("ami-0123456789abcdef0").instanceType("m6i.large")
                .minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("sky-cluster").value(cluster).build()).build());
    }

    @Test
    void runDescribeTerminate() {
        RunInstancesResponse run = ec2.runInstances(request("c1").build());
        assertThat(run.instances()).hasSize(1);
        Instance created = run.instances().get(0);
        assertThat(created.instanceId()).matches("i-0[0-9a-f]{16}");
        assertThat(created.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(created.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(created.architectureAsString()).isEqualTo("x86_64");
        assertThat(created.tags()).contains(Tag.builder().key("sky-cluster").value("c1").build());

        List<Instance> described = ec2.describeInstances(r -> r.filters(
                Filter.builder().name("tag:sky-cluster").values("c1").build())).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
        assertThat(described).extracting(Instance::instanceId).containsExactly(created.instanceId());
        assertThat(described.get(0).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(described.get(0).publicIpAddress()).startsWith("127.78.");
        assertThat(emulator.liveInstances()).extracting(Ec2Emulator.InstanceView::id)
                .containsExactly(created.instanceId());

        var term = ec2.terminateInstances(r -> r.instanceIds(created.instanceId()));
        assertThat(term.terminatingInstances().get(0).previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(term.terminatingInstances().get(0).currentState().name())
                .isEqualTo(InstanceStateName.SHUTTING_DOWN);
        assertThat(emulator.liveInstances()).isEmpty();
        Instance after = ec2.describeInstances(r -> r.instanceIds(created.instanceId())).reservations().get(0)
                .instances().get(0);
        assertThat(after.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(after.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
    }

    @Test
    void clientTokenReturnsTheSameReservationAndRejectsADifferentRequest() {
        String token = UUID.randomUUID().toString();
        RunInstancesResponse first = ec2.runInstances(request("tok").clientToken(token).minCount(2).maxCount(2)
                .build());
        RunInstancesResponse again = ec2.runInstances(request("tok").clientToken(token).minCount(2).maxCount(2)
                .build());
        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances()).extracting(Instance::instanceId)
                .containsExactlyElementsOf(first.instances().stream().map(Instance::instanceId).toList());
        assertThat(emulator.liveInstances()).hasSize(2);
        assertThat(emulator.createdInstances(token)).hasSize(2);

        assertThatThrownBy(() -> ec2.runInstances(request("tok").clientToken(token).minCount(3).maxCount(3).build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IdempotentParameterMismatch"));
        assertThat(emulator.liveInstances()).hasSize(2);
    }

    @Test
    void aSubprocessReachesTheEmulatorThroughItsEnvironmentAlone(@TempDir Path home) throws Exception {
        ec2.runInstances(request("env").build());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EnvProbe.class.getName()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", home.toString()); // no ~/.aws files of the machine's user
        pb.environment().putAll(emulator.env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).endsWith("123456789012 1");
        assertThat(emulator.ledger().calls("GetCallerIdentity")).extracting(Ledger.Call::region).contains("us-east-1");
        assertThat(emulator.env()).doesNotContainValue("").containsEntry("AWS_EC2_METADATA_DISABLED", "true");
    }

    @Test
    void stsGetCallerIdentity() {
        try (var sts = EmulatorClients.sts(emulator, emulator.options().accessKeyId())) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            assertThat(id.account()).isEqualTo("123456789012");
            assertThat(id.arn()).isEqualTo("arn:aws:iam::123456789012:user/sky-emulator");
        }
        try (var sts = EmulatorClients.sts(emulator, "AKIAWRONGKEY00000000")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }
}
