package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.TaggedResource;
import dev.sky.provision.spi.TaggedResources;
import dev.sky.provision.throttle.Pacer;
import dev.sky.provision.throttle.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ClientToken idempotency, eventual consistency, tags and gc listing, on the fast emulator. The emulator's ledger of
 * instances is the ground truth: a create repeated after its answer was lost must not double the nodes.
 */
class AwsIdempotencyTest {
    private static Ec2Emulator emulator;
    private static Path dir;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        dir = AwsTestSupport.tempDir("sky-aws-idem");
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

    private static AwsProvisioner provisioner() {
        AwsTestSupport.RecordingPacer pacer = new AwsTestSupport.RecordingPacer();
        return AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator), pacer,
                new RateLimiter(1000, 1000, pacer));
    }

    private static ProvisionRequest request(int nodes) {
        return AwsTestSupport.request("idem-" + UUID.randomUUID().toString().substring(0, 8), nodes, skyKey,
                clusterKey);
    }

    private static List<Ec2Emulator.InstanceView> instancesOf(String cluster) {
        return emulator.allInstances().stream().filter(i -> cluster.equals(i.tags().get(AwsTags.CLUSTER))).toList();
    }

    @Test
    void aCreateRepeatedBeforeEc2ShowsTheFirstGetsTheSameInstances() {
        // The first create's answer is "lost": the next command cannot see its instances yet (eventual consistency)
        // and sends RunInstances again. The same ClientTokens must give back the same instances.
        emulator.faults().eventualConsistency(Duration.ofMinutes(5));
        ProvisionRequest r = request(2);
        ClusterInfo first = provisioner().create(r);
        int runsBefore = emulator.ledger().count("RunInstances");
        ClusterInfo again = provisioner().create(r);

        assertThat(emulator.ledger().count("RunInstances") - runsBefore).as("the repeat did call RunInstances")
                .isEqualTo(2);
        assertThat(again.nodes().stream().map(NodeInfo::instanceId).toList())
                .isEqualTo(first.nodes().stream().map(NodeInfo::instanceId).toList());
        assertThat(instancesOf(r.clusterName())).as("the ledger: two nodes, not four").hasSize(2);
        assertThat(instancesOf(r.clusterName()).stream().map(Ec2Emulator.InstanceView::clientToken).distinct())
                .as("one token per rank").hasSize(2);
        // Still invisible to DescribeInstances: the emulator ends them when it closes.
    }

    @Test
    void waitingRightAfterCreateToleratesInstancesEc2DoesNotShowYet() {
        emulator.faults().eventualConsistency(Duration.ofMillis(1500));
        ProvisionRequest r = request(1);
        // Real waits: the emulator hides the instance for real time, which a recorded clock would not let pass.
        AwsProvisioner p = AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"), emulator),
                Pacer.UNSCALED, new RateLimiter(1000, 1000, Pacer.UNSCALED));
        p.create(r);
        assertThat(p.query(r.ref())).as("not visible yet").isEmpty();
        p.waitFor(r.ref(), InstanceStatus.RUNNING, Duration.ofMinutes(1));
        assertThat(p.query(r.ref())).hasSize(1).containsValue(InstanceStatus.RUNNING);
        p.terminate(r.ref());
    }

    @Test
    void relaunchingANameAfterTerminateMakesNewInstances() {
        ProvisionRequest r = request(1);
        AwsProvisioner p = provisioner();
        String first = p.create(r).head().instanceId();
        p.terminate(r.ref());
        String second = p.create(r).head().instanceId();
        assertThat(second).isNotEqualTo(first);
        assertThat(p.query(r.ref())).as("the newest incarnation stands for the rank").containsOnlyKeys(second);
        p.terminate(r.ref());
    }

    @Test
    void everythingIsTaggedAndGcListsAndDeletesIt() {
        ProvisionRequest r = request(2).withLabels(java.util.Map.of("team", "ml",
                ProvisionRequest.AUTOSTOP_DOWN_LABEL, "true"));
        AwsProvisioner p = provisioner();
        p.create(r);
        List<Ec2Emulator.InstanceView> made = instancesOf(r.clusterName());
        assertThat(made).hasSize(2).allSatisfy(i -> {
            assertThat(i.tags()).containsEntry(AwsTags.USER, p.userId()).containsEntry(AwsTags.MANAGED, "true")
                    .containsEntry("team", "ml").doesNotContainKey(ProvisionRequest.AUTOSTOP_DOWN_LABEL);
            assertThat(i.volumeIds()).isNotEmpty();
        });
        assertThat(made.stream().map(i -> i.tags().get(AwsTags.RANK))).containsExactlyInAnyOrder("0", "1");
        assertThat(made).as("autostop --down at launch: a shutdown from inside terminates")
                .allSatisfy(i -> assertThat(i.tags()).containsEntry(AwsSelfShutdown.TAG, "terminate"));

        TaggedResources gc = p.extension(TaggedResources.class).orElseThrow();
        List<TaggedResource> mine = gc.list(List.of(AwsTestSupport.REGION)).stream()
                .filter(t -> r.clusterName().equals(t.clusterName())).toList();
        assertThat(mine.stream().map(TaggedResource::kind).distinct())
                .containsExactlyInAnyOrder("instance", "volume", "security-group");
        assertThat(gc.list(List.of(AwsTestSupport.REGION))).anySatisfy(t -> assertThat(t.kind()).isEqualTo("key-pair"));

        gc.delete(mine);
        assertThat(emulator.liveInstances()).noneMatch(i -> r.clusterName().equals(i.tags().get(AwsTags.CLUSTER)));
        assertThat(gc.list(List.of(AwsTestSupport.REGION))).noneMatch(t -> r.clusterName().equals(t.clusterName())
                && !t.kind().equals("volume"));
    }
}
