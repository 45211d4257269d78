package dev.sky.provision.cluster;

import static dev.sky.provision.cluster.EngineFixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.cluster.failover.Blocklist;
import dev.sky.provision.cluster.failover.Replanner;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ResourcesUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover over in-memory clouds with a real state DB: order, blocklist, cleanup, pins, the reasons table. */
class ProvisionFailoverTest {
    @TempDir
    Path home;
    EngineFixture f;
    final List<String> lines = new ArrayList<>();
    final LaunchProgress progress = new LaunchProgress() {
        @Override
        public void stage(String description) {
            lines.add(description);
        }

        @Override
        public void info(String line) {
            lines.add(line);
        }
    };

    @BeforeEach
    void open() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ClusterHandle provision(String cluster, Task task, Replanner replanner) {
        LaunchRequest req = new LaunchRequest(cluster, task, List.of(), replanner, true, true, null, null);
        return new ProvisionFailover(f.ctx, progress, c -> new ProvisionRequest(cluster, task.numNodes(), c.cloud(),
                c.region(), c.zone(), c.instanceType(), c.spot(), null, 0, List.of(), "ssh-ed25519 AAAA k", null,
                null)).provision(req);
    }

    private static final Task TWO_NODES = EngineFixture.task("num_nodes: 2\nrun: echo hi\n");

    @Test
    void zonesOfTheCheapestRegionThenTheNextRegionThenTheNextCloud() {
        List<Candidate> plan = List.of(
                candidate("aws", "r1", "r1-a", 1.0, 2), candidate("aws", "r1", "r1-b", 1.0, 2),
                candidate("aws", "r2", "r2-a", 1.1, 2), candidate("gcp", "x1", "x1-a", 1.2, 2));
        f.mem1.noCapacityIn("r1-a").noCapacityIn("r1-b").noCapacityIn("r2-a");

        ClusterHandle h = provision("c1", TWO_NODES, Replanner.over(plan));

        assertThat(f.mem1.createLog()).containsExactly("r1/r1-a", "r1/r1-b", "r2/r2-a");
        assertThat(f.mem2.createLog()).containsExactly("x1/x1-a");
        assertThat(h.cloud()).isEqualTo("gcp");
        assertThat(h.nodes()).hasSize(2);
        ClusterRecord row = f.ctx.state().clusters().get("c1").orElseThrow();
        assertThat(row.cloud()).isEqualTo("gcp");
        assertThat(row.zone()).isEqualTo("x1-a");
        assertThat(lines).anyMatch(l -> l.startsWith("Launching on AWS r1 (r1-a)"))
                .anyMatch(l -> l.contains("InsufficientInstanceCapacity") && l.contains("blocking zone aws/r1/r1-a"));
    }

    @Test
    void aRegionWideErrorSkipsTheRegionsOtherZones() {
        List<Candidate> plan = List.of(
                candidate("aws", "r1", null, 1.0, 2), candidate("aws", "r1", "r1-b", 1.0, 2),
                candidate("aws", "r2", null, 1.1, 2));
        f.mem1.noCapacityIn("r1");

        provision("c1", TWO_NODES, Replanner.over(plan));

        // No zone given: the attempt covered the whole region, so its failure blocks the region.
        assertThat(f.mem1.createLog()).containsExactly("r1/*", "r2/*");
    }

    @Test
    void partiallyCreatedNodesAreTerminatedBeforeMovingOn() {
        List<Candidate> plan = List.of(candidate("aws", "r1", "r1-a", 1.0, 2), candidate("aws", "r2", "r2-a", 2, 2));
        f.mem1.partialIn("r1-a", 1);

        provision("c1", TWO_NODES, Replanner.over(plan));

        assertThat(f.mem1.aliveNodes()).as("only the working location's nodes are alive").isEqualTo(2);
        assertThat(lines).anyMatch(l -> l.contains("Terminating the node(s) the failed attempt created"));
    }

    @Test
    void aPinnedRegionIsNeverLeftEvenWhenTheReplannerOffersMore() {
        Task pinned = EngineFixture.task("num_nodes: 2\nresources:\n  infra: aws/r1\nrun: echo hi\n");
        List<Candidate> plan = List.of(candidate("aws", "r1", "r1-a", 1.0, 2), candidate("aws", "r2", "r2-a", 0.5, 2),
                candidate("gcp", "x1", "x1-a", 0.1, 2));
        f.mem1.noCapacityIn("r1-a");

        assertThatThrownBy(() -> provision("c1", pinned, Replanner.over(plan)))
                .isInstanceOf(ResourcesUnavailableException.class)
                .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.NO_RESOURCES));

        assertThat(f.mem1.createLog()).containsExactly("r1/r1-a");
        assertThat(f.mem2.createLog()).isEmpty();
    }

    @Test
    void whenEverythingFailsTheRecordGoesAndTheTableListsEachAttempt() {
        List<Candidate> plan = List.of(candidate("aws", "r1", "r1-a", 1.0, 2), candidate("gcp", "x1", "x1-a", 2, 2));
        f.mem1.noCapacityIn("r1-a");
        f.mem2.noCapacityIn("x1-a");

        assertThatThrownBy(() -> provision("c1", TWO_NODES, Replanner.over(plan)))
                .isInstanceOf(ResourcesUnavailableException.class)
                .hasMessageContaining("after 2 attempt(s)");

        assertThat(f.ctx.state().clusters().get("c1")).isEmpty();
        assertThat(f.mem1.aliveNodes() + f.mem2.aliveNodes()).isZero();
        String table = String.join("\n", lines);
        assertThat(table).contains("Failover history (2 attempt(s)").contains("aws r1 (r1-a)")
                .contains("gcp x1 (x1-a)").contains("zone gcp/x1/x1-a");
    }

    @Test
    void theReplannerIsAskedAgainWithTheGrowingBlocklist() {
        List<Integer> blockedSizes = new ArrayList<>();
        List<Candidate> plan = List.of(candidate("aws", "r1", "r1-a", 1.0, 2), candidate("aws", "r1", "r1-b", 1, 2));
        f.mem1.noCapacityIn("r1-a");
        Replanner counting = (Blocklist b) -> {
            blockedSizes.add(b.entries().size());
            return Replanner.over(plan).plan(b);
        };

        provision("c1", TWO_NODES, counting);

        assertThat(blockedSizes).containsExactly(0, 1);
    }

    @Test
    void aCleanupThatFailsStopsFailoverAndKeepsTheRecord() {
        List<Candidate> plan = List.of(candidate("aws", "r1", "r1-a", 1.0, 2), candidate("aws", "r2", "r2-a", 2, 2));
        f.mem1.partialIn("r1-a", 1);
        f.mem1.failNextTerminates(1);

        assertThatThrownBy(() -> provision("c1", TWO_NODES, Replanner.over(plan)))
                .hasMessageContaining("Its record is kept; run `sky down c1`");

        Optional<ClusterRecord> row = f.ctx.state().clusters().get("c1");
        assertThat(row).isPresent();
        assertThat(row.get().status()).isEqualTo(ClusterStatus.INIT);
        assertThat(row.get().zone()).isEqualTo("r1-a");
        assertThat(f.mem1.createLog()).containsExactly("r1/r1-a");
    }

    private static Candidate region(String region, double price, int nodes, String... zones) {
        return new Candidate("aws", region, null, "m.large", null, 0, 2, 8, false, price, nodes, 0, List.of(zones));
    }

    @Test
    void aRegionOfSeveralNodesIsTriedZoneByZoneInTheCandidatesOrderThenTheNextRegion() {
        List<Candidate> plan = List.of(region("r1", 1.0, 2, "r1-b", "r1-a", "r1-c"), region("r2", 1.1, 2, "r2-a"));
        f.mem1.noCapacityIn("r1-b").noCapacityIn("r1-c");
        f.mem1.partialIn("r1-a", 1);

        ClusterHandle h = provision("c1", TWO_NODES, Replanner.over(plan));

        assertThat(f.mem1.createLog()).containsExactly("r1/r1-b", "r1/r1-a", "r1/r1-c", "r2/r2-a");
        assertThat(h.region()).isEqualTo("r2");
        assertThat(h.zone()).isEqualTo("r2-a");
        assertThat(f.mem1.aliveNodes()).as("the half-made r1-a attempt was terminated").isEqualTo(2);
        assertThat(f.ctx.state().clusters().get("c1").orElseThrow().zone()).isEqualTo("r2-a");
        assertThat(lines).anyMatch(l -> l.startsWith("Launching on AWS r1 (r1-b) (m.large, 2 node(s))"))
                .anyMatch(l -> l.contains("blocking zone aws/r1/r1-b"))
                .anyMatch(l -> l.contains("Terminating the node(s) the failed attempt created in aws r1 (r1-a)"))
                .anyMatch(l -> l.contains("blocking zone aws/r1/r1-c"));
    }

    @Test
    void aRegionWideErrorInOneZoneSkipsTheOtherZonesOfTheRegion() {
        List<Candidate> plan = List.of(region("r1", 1.0, 2, "r1-a", "r1-b"), region("r2", 1.1, 2, "r2-a"));
        f.mem1.quotaIn("r1");

        provision("c1", TWO_NODES, Replanner.over(plan));

        assertThat(f.mem1.createLog()).containsExactly("r1/r1-a", "r2/r2-a");
    }

    @Test
    void aSingleNodeKeepsTheWholeRegionAttempt() {
        Task one = EngineFixture.task("run: echo hi\n");
        List<Candidate> plan = List.of(region("r1", 1.0, 1, "r1-a", "r1-b"));

        ClusterHandle h = provision("c1", one, Replanner.over(plan));

        assertThat(f.mem1.createLog()).containsExactly("r1/*");
        assertThat(h.nodes()).hasSize(1);
    }

    @Test
    void zoneByZoneInAPinnedRegionNeverLeavesItAndTheTableListsEveryZone() {
        Task pinned = EngineFixture.task("num_nodes: 2\nresources:\n  infra: aws/r1\nrun: echo hi\n");
        List<Candidate> plan = List.of(region("r1", 1.0, 2, "r1-a", "r1-b"), region("r2", 0.5, 2, "r2-a"));
        f.mem1.noCapacityIn("r1-a").noCapacityIn("r1-b");

        assertThatThrownBy(() -> provision("c1", pinned, Replanner.over(plan)))
                .isInstanceOf(ResourcesUnavailableException.class).hasMessageContaining("after 2 attempt(s)");

        assertThat(f.mem1.createLog()).containsExactly("r1/r1-a", "r1/r1-b");
        assertThat(String.join("\n", lines)).contains("aws r1 (r1-a)").contains("aws r1 (r1-b)")
                .contains("zone aws/r1/r1-b");
    }
}
