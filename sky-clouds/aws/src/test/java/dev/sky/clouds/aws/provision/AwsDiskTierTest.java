package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorClients;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.throttle.RateLimiter;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * {@code disk_tier} on AWS: the boot volume the emulator made (type, IOPS, throughput, as DescribeVolumes shows them)
 * for each tier, SkyPilot's mapping; the emulator rejects the combinations EC2 rejects.
 */
class AwsDiskTierTest {
    private static Ec2Emulator emulator;
    private static Ec2Client ec2;
    private static Path dir;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        ec2 = EmulatorClients.ec2(emulator, AwsTestSupport.REGION);
        dir = AwsTestSupport.tempDir("sky-aws-disk");
        skyKey = AwsTestSupport.key(dir, "sky-key");
        clusterKey = AwsTestSupport.key(dir, "cluster-key");
    }

    @AfterAll
    static void stop() {
        ec2.close();
        emulator.close();
    }

    private static Volume bootVolumeFor(String tier, int sizeGb) {
        AwsTestSupport.RecordingPacer pacer = new AwsTestSupport.RecordingPacer();
        AwsProvisioner p = AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator), pacer,
                new RateLimiter(1000, 1000, pacer));
        ProvisionRequest base = AwsTestSupport.request("disk-" + UUID.randomUUID().toString().substring(0, 8), 1,
                skyKey, clusterKey);
        ProvisionRequest r = base.withImage(base.imageId(), sizeGb);
        if (tier != null) {
            r = r.withLabels(Map.of(ProvisionRequest.DISK_TIER_LABEL, tier));
        }
        String id = p.create(r).head().instanceId();
        try {
            assertThat(emulator.instance(id).tags()).doesNotContainKey(ProvisionRequest.DISK_TIER_LABEL);
            return ec2.describeVolumes(b -> b.filters(f -> f.name("attachment.instance-id").values(id))).volumes()
                    .get(0);
        } finally {
            p.terminate(r.ref());
        }
    }

    @Test
    void eachTierGetsSkyPilotsVolume() {
        Volume low = bootVolumeFor("low", 100);
        assertThat(low.volumeTypeAsString()).isEqualTo("standard");
        assertThat(low.iops()).isNull();
        assertThat(low.size()).isEqualTo(100);

        for (String medium : new String[] {null, "medium"}) {
            Volume v = bootVolumeFor(medium, 100);
            assertThat(v.volumeTypeAsString()).as("tier %s", medium).isEqualTo("gp3");
            assertThat(v.iops()).isEqualTo(3500);
            assertThat(v.throughput()).isEqualTo(218);
        }

        Volume high = bootVolumeFor("high", 100);
        assertThat(high.volumeTypeAsString()).isEqualTo("gp3");
        assertThat(high.iops()).isEqualTo(7000);
        assertThat(high.throughput()).isEqualTo(437);

        for (String top : new String[] {"ultra", "best"}) {
            Volume v = bootVolumeFor(top, 256);
            assertThat(v.volumeTypeAsString()).as("tier %s", top).isEqualTo("io2");
            assertThat(v.iops()).isEqualTo(20000);
            assertThat(v.throughput()).isNull();
        }
        assertThat(emulator.liveInstances()).isEmpty();
    }

    @Test
    void theEmulatorRejectsWhatEc2Rejects() {
        assertThat(AwsDiskSpec.forTier("ULTRA")).isEqualTo(AwsDiskSpec.forTier("best"));
        String[][] bad = {
            {"standard", "100", "1000", null, "InvalidParameterCombination"},
            {"io2", "100", null, null, "MissingParameter"},
            {"gp3", "100", "20000", null, "InvalidParameterValue"},
            {"io2", "100", "20000", "500", "InvalidParameterCombination"},
        };
        for (String[] b : bad) {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> ec2.runInstances(r -> r
                    .imageId("ami-0123456789abcdef0").instanceType("m6i.large").minCount(1).maxCount(1)
                    .blockDeviceMappings(m -> m.deviceName("/dev/sda1").ebs(x -> x.volumeType(b[0])
                            .volumeSize(Integer.parseInt(b[1])).iops(b[2] == null ? null : Integer.valueOf(b[2]))
                            .throughput(b[3] == null ? null : Integer.valueOf(b[3]))))));
            assertThat(e).as("%s", String.join(",", java.util.Arrays.asList(b)))
                    .isInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class);
            assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e).awsErrorDetails()
                    .errorCode()).isEqualTo(b[4]);
        }
        assertThat(emulator.liveInstances()).isEmpty();
    }
}
