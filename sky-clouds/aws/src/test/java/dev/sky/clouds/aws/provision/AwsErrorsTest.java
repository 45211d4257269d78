package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.BlockScope;
import dev.sky.provision.spi.CloudAuthException;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ResourcesUnavailableException;
import dev.sky.provision.spi.ThrottledException;
import dev.sky.provision.throttle.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each EC2 error, produced by the emulator's fault switches and read by the real SDK, becomes the sky kind the
 * failover loop needs, and a failed create leaves no instance behind.
 */
class AwsErrorsTest {
    private static Ec2Emulator emulator;
    private static Path dir;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;
    private AwsTestSupport.RecordingPacer pacer;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        dir = AwsTestSupport.tempDir("sky-aws-errors");
        skyKey = AwsTestSupport.key(dir, "sky-key");
        clusterKey = AwsTestSupport.key(dir, "cluster-key");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void resetFaults() {
        emulator.faults().reset();
    }

    private AwsProvisioner provisioner(Map<String, String> env) {
        pacer = new AwsTestSupport.RecordingPacer();
        // The limiter waits on a clock of its own: the recorded sleeps are the back-offs only.
        return AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), env), pacer,
                new RateLimiter(1000, 1000, new AwsTestSupport.RecordingPacer()));
    }

    private AwsProvisioner provisioner() {
        return provisioner(emulator.env());
    }

    private static ProvisionRequest request(int nodes) {
        return AwsTestSupport.request("err-" + UUID.randomUUID().toString().substring(0, 8), nodes, skyKey,
                clusterKey);
    }

    private long live(String cluster) {
        return emulator.liveInstances().stream().filter(i -> cluster.equals(i.tags().get(AwsTags.CLUSTER))).count();
    }

    @Test
    void insufficientCapacityBlocksTheZone() {
        emulator.faults().insufficientCapacity(AwsTestSupport.ZONE, null);
        ProvisionRequest r = request(1);
        ResourcesUnavailableException e = catchThrowableOfType(ResourcesUnavailableException.class,
                () -> provisioner().create(r));
        assertThat(e).isNotNull();
        assertThat(e.blockScope()).isEqualTo(BlockScope.ZONE);
        assertThat(e.zone()).isEqualTo(AwsTestSupport.ZONE);
        assertThat(e.getMessage()).contains("InsufficientInstanceCapacity", "us-east-1a");
        assertThat(live(r.clusterName())).isZero();
    }

    @Test
    void quotaBlocksTheRegion() {
        emulator.faults().instanceQuota(AwsTestSupport.REGION, 0);
        ResourcesUnavailableException e = catchThrowableOfType(ResourcesUnavailableException.class,
                () -> provisioner().create(request(1)));
        assertThat(e.blockScope()).isEqualTo(BlockScope.REGION);
        assertThat(e.getMessage()).contains("InstanceLimitExceeded");

        emulator.faults().reset();
        emulator.faults().vcpuQuota(AwsTestSupport.REGION, 1);
        e = catchThrowableOfType(ResourcesUnavailableException.class, () -> provisioner().create(request(1)));
        assertThat(e.blockScope()).isEqualTo(BlockScope.REGION);
        assertThat(e.getMessage()).contains("VcpuLimitExceeded");
    }

    @Test
    void aRankThatFailsTerminatesTheRanksThisCreateMade() {
        // Rank 0 fits the quota, rank 1 does not: what rank 0 got must not be left running.
        emulator.faults().instanceQuota(AwsTestSupport.REGION, 1 + emulator.liveInstances().size());
        ProvisionRequest r = request(2);
        ResourcesUnavailableException e = catchThrowableOfType(ResourcesUnavailableException.class,
                () -> provisioner().create(r));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("InstanceLimitExceeded");
        assertThat(emulator.allInstances()).filteredOn(i -> r.clusterName().equals(i.tags().get(AwsTags.CLUSTER)))
                .as("rank 0 was made, then ended").hasSize(1);
        assertThat(live(r.clusterName())).isZero();
    }

    @Test
    void rejectedCredentialsAreAnAuthErrorThatNamesNoSecret() {
        Map<String, String> env = new HashMap<>(emulator.env());
        env.put("AWS_ACCESS_KEY_ID", "AKIAWRONGWRONGWRONG1");
        env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-value-0");
        CloudAuthException e = catchThrowableOfType(CloudAuthException.class, () -> provisioner(env)
                .query(request(1).ref()));
        assertThat(e).isNotNull();
        assertThat(e.blockScope()).isEqualTo(BlockScope.CLOUD);
        assertThat(e.getMessage()).doesNotContain("wrong-secret-value-0").doesNotContain("AKIAWRONGWRONGWRONG1");
    }

    @Test
    void startingAClusterThatDoesNotExistIsNotFound() {
        ProvisionRequest r = request(1);
        ProvisionException e = catchThrowableOfType(ProvisionException.class, () -> provisioner().start(r.ref()));
        assertThat(e.getMessage()).contains(r.clusterName());
        assertThat(e.exitCode()).isEqualTo(dev.sky.core.ExitCode.NOT_FOUND_OR_WRONG_STATE);
    }

    @Test
    void throttlingIsRetriedWithAndWithoutHintsAndSucceeds() {
        AwsProvisioner p = provisioner();
        emulator.faults().throttleNext(3, -1);
        ProvisionRequest r = request(1);
        p.create(r);
        assertThat(pacer.sleeps()).as("three throttled calls, three back-offs").hasSize(3)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(250), Duration.ofSeconds(20)));
        assertThat(live(r.clusterName())).isEqualTo(1);

        AwsProvisioner hinted = provisioner();
        emulator.faults().throttleNext(2, 7);
        assertThat(hinted.query(r.ref())).hasSize(1);
        assertThat(pacer.sleeps()).as("Retry-After: 7 is honoured").hasSize(2)
                .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
        p.terminate(r.ref());
    }

    @Test
    void throttlingThatOutlastsTheBackoffIsAThrottledError() {
        emulator.faults().throttleNext(Ec2Calls.MAX_ATTEMPTS, -1);
        ThrottledException e = catchThrowableOfType(ThrottledException.class,
                () -> provisioner().query(request(1).ref()));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("RequestLimitExceeded");
        assertThat(pacer.sleeps()).hasSize(Ec2Calls.MAX_ATTEMPTS - 1);
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        assertThat(AwsErrors.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
        assertThat(AwsErrors.parseRetryAfter("0.5")).contains(Duration.ofMillis(500));
        assertThat(AwsErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(AwsErrors.parseRetryAfter("soon")).isEqualTo(Optional.empty());
    }
}
