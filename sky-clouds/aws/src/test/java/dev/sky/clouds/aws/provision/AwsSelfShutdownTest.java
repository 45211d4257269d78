package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.ProvisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Autostop on AWS with no credentials on the node: the node runs the command sky gave its watchdog, and EC2 applies
 * the instance's shutdown behaviour, stop, or terminate when autostop --down was asked at launch.
 */
class AwsSelfShutdownTest {
    private static Ec2Emulator emulator;
    private static AwsProvisioner provisioner;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.start(EmulatorOptions.nodeBacked());
        Path dir = AwsTestSupport.tempDir("sky-aws-autostop");
        skyKey = AwsTestSupport.key(dir, "sky-key");
        clusterKey = AwsTestSupport.key(dir, "cluster-key");
        provisioner = AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static ClusterInfo launch(ProvisionRequest r) {
        provisioner.create(r);
        provisioner.waitFor(r.ref(), InstanceStatus.RUNNING, Duration.ofMinutes(2));
        return provisioner.clusterInfo(r.ref()).orElseThrow();
    }

    /** Runs the watchdog's command on the head; the session may end with the node, as a real shutdown ends it. */
    private static void runUntilTheNodeGoesAway(ClusterInfo up, String command) {
        try {
            AwsTestSupport.ssh(up.head(), skyKey.privateKey(), command);
        } catch (java.io.UncheckedIOException droppedByTheShutdown) {
            // expected when the node stops before the command's exit status is sent
        }
    }

    @Test
    void aShutdownFromInsideStopsTheInstance() {
        ProvisionRequest r = AwsTestSupport.request("as-" + UUID.randomUUID().toString().substring(0, 8), 1, skyKey,
                clusterKey);
        ClusterInfo up = launch(r);
        String command = provisioner.selfShutdownCommand(r.ref(), false).orElseThrow();
        assertThat(command).contains("shutdown -h now").doesNotContain("AWS_").doesNotContain("sky stop");

        runUntilTheNodeGoesAway(up, command);
        provisioner.waitFor(r.ref(), InstanceStatus.STOPPED, Duration.ofMinutes(2));
        assertThat(emulator.instance(up.head().instanceId()).state()).isEqualTo("stopped");
        provisioner.terminate(r.ref());
    }

    @Test
    void withDownAtLaunchTheShutdownTerminatesTheInstance() {
        ProvisionRequest r = AwsTestSupport.request("asd-" + UUID.randomUUID().toString().substring(0, 8), 1, skyKey,
                clusterKey).withLabels(Map.of(ProvisionRequest.AUTOSTOP_DOWN_LABEL, "true"));
        ClusterInfo up = launch(r);
        String command = provisioner.selfShutdownCommand(r.ref(), true).orElseThrow();
        assertThat(emulator.ledger().count("ModifyInstanceAttribute")).as("set at launch: nothing to change")
                .isZero();

        runUntilTheNodeGoesAway(up, command);
        provisioner.waitFor(r.ref(), InstanceStatus.TERMINATED, Duration.ofMinutes(2));
        assertThat(emulator.liveInstances()).noneMatch(i -> i.id().equals(up.head().instanceId()));
        provisioner.terminate(r.ref());
    }
}
