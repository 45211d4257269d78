package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.BulkClusterInfo;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.throttle.RateLimiter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bulk lookup of {@code sky status --refresh}: one DescribeInstances answers for many clusters, as one by one. */
class AwsBulkClusterInfoTest {
    private static Ec2Emulator emulator;
    private static Path dir;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        dir = AwsTestSupport.tempDir("sky-aws-bulk");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void oneDescribeGivesEveryClustersNodesAsClusterInfoDoes() {
        AwsTestSupport.RecordingPacer pacer = new AwsTestSupport.RecordingPacer();
        AwsProvisioner p = AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator), pacer,
                new RateLimiter(1000, 1000, pacer));
        SshKeyPair key = AwsTestSupport.key(dir, "k");
        List<ClusterRef> refs = new ArrayList<>();
        for (int nodes : new int[] {1, 2, 1}) {
            String name = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
            refs.add(p.create(AwsTestSupport.request(name, nodes, key, key)).ref());
        }
        refs.add(new ClusterRef("bulk-never-made", refs.get(0).region(), null));
        BulkClusterInfo bulk = p.extension(BulkClusterInfo.class).orElseThrow();
        int describesBefore = emulator.ledger().count("DescribeInstances");

        Map<String, ClusterInfo> all = bulk.clusterInfos(refs.get(0).region(), refs);

        assertThat(emulator.ledger().count("DescribeInstances") - describesBefore).as("one call for four clusters")
                .isEqualTo(1);
        for (ClusterRef ref : refs) {
            assertThat(all.get(ref.clusterName())).as(ref.clusterName()).isEqualTo(p.clusterInfo(ref).orElse(null));
        }
        assertThat(all.get(refs.get(1).clusterName()).nodes()).hasSize(2);
        assertThat(all).doesNotContainKey("bulk-never-made");
        for (ClusterRef ref : refs.subList(0, 3)) {
            p.terminate(ref);
        }
    }
}
