package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.reconcile.Reconciler;
import dev.sky.provision.cluster.reconcile.RuntimeProbe;
import dev.sky.provision.cluster.reconcile.Verdict;
import dev.sky.provision.contract.InMemoryProvisioner;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.ProvisionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh against drift applied through the in-memory cloud, with a real state DB. */
class ReconcilerTest {
    @TempDir
    Path home;
    EngineFixture f;
    final List<String> forgotten = new ArrayList<>();

    @BeforeEach
    void open() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A cluster of n nodes that runs on the in-memory cloud and is recorded with the given status. */
    private ClusterRecord cluster(String name, int n, ClusterStatus status) {
        InMemoryProvisioner p = f.mem1;
        ClusterInfo info = p.create(new ProvisionRequest(name, n, "aws", "r1", "r1-a", "m.large", false, null, 0,
                List.of(), "ssh-ed25519 AAAA k", null, null));
        p.query(info.ref()); // PENDING -> RUNNING
        ClusterHandle h = new ClusterHandle("aws", "AWS", "r1", "r1-a", "m.large", false, 1, 2, 8, null, 0, List.of())
                .withNodes(p.clusterInfo(info.ref()).orElseThrow());
        Instant t = Instant.now().minusSeconds(5);
        ClusterRecord r = new ClusterRecord(name, status, "aws", "r1", "r1-a", n, null, h.toJson(), null, t, t, null,
                null);
        f.ctx.state().clusters().upsert(r);
        return r;
    }

    private Reconciler reconciler(Duration grace) {
        return new Reconciler(f.ctx, grace, name -> {
            forgotten.add(name);
            f.ctx.state().clusters().delete(name);
        });
    }

    @Test
    void everyDriftIsClassifiedInOneParallelRefresh() {
        List<ClusterRecord> rows = List.of(cluster("healthy", 2, ClusterStatus.UP), cluster("stopped", 2,
                ClusterStatus.UP), cluster("partial", 3, ClusterStatus.UP), cluster("moved", 1, ClusterStatus.UP),
                cluster("restarted", 1, ClusterStatus.STOPPED));
        f.mem1.stopOutOfBand("stopped");
        f.mem1.terminateOneNode("partial");
        f.mem1.changeHeadAddress("moved");

        List<Reconciled> out = reconciler(Duration.ofHours(1)).refresh(rows);

        assertThat(out).extracting(Reconciled::verdict).containsExactly(Verdict.UNCHANGED, Verdict.STOPPED,
                Verdict.PARTIAL, Verdict.ADDRESS_CHANGED, Verdict.RUNNING_AGAIN);
        assertThat(status("healthy")).isEqualTo(ClusterStatus.UP);
        assertThat(status("stopped")).isEqualTo(ClusterStatus.STOPPED);
        assertThat(status("partial")).isEqualTo(ClusterStatus.INIT);
        assertThat(status("moved")).isEqualTo(ClusterStatus.INIT);
        assertThat(out.get(3).note()).contains("sky start moved");
        assertThat(status("restarted")).isEqualTo(ClusterStatus.INIT);
    }

    @Test
    void aCloudWithBulkLookupIsAskedOnceForAllItsClustersOfARegionWithTheSameVerdicts() {
        List<ClusterRecord> rows = List.of(cluster("healthy", 2, ClusterStatus.UP), cluster("stopped", 2,
                ClusterStatus.UP), cluster("partial", 3, ClusterStatus.UP), cluster("moved", 1, ClusterStatus.UP),
                cluster("restarted", 1, ClusterStatus.STOPPED), cluster("gone", 1, ClusterStatus.UP));
        f.mem1.stopOutOfBand("stopped");
        f.mem1.terminateOneNode("partial");
        f.mem1.changeHeadAddress("moved");
        f.mem1.vanish("gone");
        f.mem1.offerBulk();
        int before = f.mem1.clusterInfoCalls();

        List<Reconciled> out = reconciler(Duration.ofHours(1)).refresh(rows);

        assertThat(out).extracting(Reconciled::verdict).containsExactly(Verdict.UNCHANGED, Verdict.STOPPED,
                Verdict.PARTIAL, Verdict.ADDRESS_CHANGED, Verdict.RUNNING_AGAIN, Verdict.ABSENT_WITHIN_GRACE);
        assertThat(f.mem1.bulkCalls()).as("one lookup for the six clusters of aws/r1").isEqualTo(1);
        assertThat(f.mem1.clusterInfoCalls() - before).as("no per-cluster lookup").isZero();
        assertThat(status("stopped")).isEqualTo(ClusterStatus.STOPPED);
        assertThat(f.ctx.state().clusters().get("gone")).as("absence still needs the grace period").isPresent();
    }

    @Test
    void vanishedNodesKeepTheRecordUntilTheGracePeriodHasPassed() {
        ClusterRecord r = cluster("gone", 2, ClusterStatus.UP);
        f.mem1.vanish("gone");

        Reconciled first = reconciler(Duration.ofHours(1)).refreshOne(r);
        assertThat(first.verdict()).isEqualTo(Verdict.ABSENT_WITHIN_GRACE);
        assertThat(f.ctx.state().clusters().get("gone")).isPresent();
        assertThat(f.ctx.state().reconcile().absentSince("gone")).isPresent();

        Reconciled later = reconciler(Duration.ZERO).refreshOne(r);
        assertThat(later.verdict()).isEqualTo(Verdict.REMOVED);
        assertThat(forgotten).containsExactly("gone");
        assertThat(f.ctx.state().reconcile().absentSince("gone")).isEmpty();
    }

    @Test
    void removingAVanishedClusterCleansUpWhatTheCloudMadeAndKeepsTheRowIfThatFails() {
        ClusterRecord r = cluster("gone", 1, ClusterStatus.UP);
        f.mem1.vanish("gone");
        f.mem1.failNextTerminates(1);

        Reconciled failed = reconciler(Duration.ZERO).refreshOne(r);

        assertThat(failed.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(f.ctx.state().clusters().get("gone")).as("kept until the cleanup works").isPresent();
        assertThat(forgotten).isEmpty();

        Reconciled later = reconciler(Duration.ZERO).refreshOne(r);

        assertThat(later.verdict()).isEqualTo(Verdict.REMOVED);
        assertThat(f.mem1.terminateCalls()).as("terminate (idempotent) deletes the cloud's leftovers").isEqualTo(2);
        assertThat(forgotten).containsExactly("gone");
    }

    @Test
    void nodesHiddenByEventualConsistencyAreNeverForgotten() {
        ClusterRecord r = cluster("slow", 1, ClusterStatus.INIT);
        // Invisible to the first listing only: the confirming query under the lock sees it.
        f.mem1.hideFromQueries("slow", 1);

        Reconciled out = reconciler(Duration.ZERO).refreshOne(r);

        assertThat(out.verdict()).isNotEqualTo(Verdict.REMOVED);
        assertThat(f.ctx.state().clusters().get("slow")).isPresent();
        assertThat(forgotten).isEmpty();
    }

    @Test
    void aSightingEndsTheAbsence() {
        ClusterRecord r = cluster("flaky", 1, ClusterStatus.UP);
        f.mem1.hideFromQueries("flaky", 1);
        assertThat(reconciler(Duration.ofHours(1)).refreshOne(r).verdict()).isEqualTo(Verdict.ABSENT_WITHIN_GRACE);

        assertThat(reconciler(Duration.ofHours(1)).refreshOne(r).verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(f.ctx.state().reconcile().absentSince("flaky")).isEmpty();
    }

    @Test
    void aClusterWhoseOwnerLivesIsLeftAlone() {
        ClusterRecord r = cluster("busy", 1, ClusterStatus.INIT);
        ClusterRecord owned = new ClusterRecord(r.name(), r.status(), r.cloud(), r.region(), r.zone(), r.numNodes(),
                null, r.handleJson(), null, r.launchedAt(), r.statusUpdatedAt(), ProcessHandle.current().parent()
                .orElseThrow().pid(), "launch");
        f.ctx.state().clusters().upsert(owned);
        f.mem1.vanish("busy");

        assertThat(reconciler(Duration.ZERO).refreshOne(owned).verdict()).isEqualTo(Verdict.BUSY);
        assertThat(f.ctx.state().clusters().get("busy")).isPresent();
    }

    @Test
    void aCloudErrorNeverDemotesAnUpCluster() {
        ClusterRecord r = cluster("up", 1, ClusterStatus.UP);
        ClusterRecord elsewhere = new ClusterRecord("up", ClusterStatus.UP, "nosuchcloud", "r1", "r1-a", 1, null,
                r.handleJson(), null, r.launchedAt(), r.statusUpdatedAt(), null, null);

        Reconciled out = reconciler(Duration.ZERO).refreshOne(elsewhere);

        assertThat(out.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(status("up")).isEqualTo(ClusterStatus.UP);
    }

    /** A probe that answers from a table, as a head would, and counts whom it was asked about. */
    private static final class TableProbe implements RuntimeProbe {
        final Map<String, Result> answers = new ConcurrentHashMap<>();
        final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Result probe(ClusterRecord r) {
            asked.add(r.name());
            return answers.getOrDefault(r.name(), new Result(Outcome.HEALTHY, null));
        }
    }

    private Reconciler reconciler(RuntimeProbe probe) {
        return new Reconciler(f.ctx, Duration.ofHours(1), name -> f.ctx.state().clusters().delete(name), probe);
    }

    @Test
    void aBrokenRuntimeOnARunningHeadMakesTheClusterInitWithTheFix() {
        ClusterRecord r = cluster("rt-down", 2, ClusterStatus.UP);
        TableProbe probe = new TableProbe();
        probe.answers.put("rt-down", new RuntimeProbe.Result(RuntimeProbe.Outcome.BROKEN,
                "the job scheduler daemon is down (1 unfinished job(s))"));

        Reconciled out = reconciler(probe).refreshOne(r);

        assertThat(out.verdict()).isEqualTo(Verdict.RUNTIME_DOWN);
        assertThat(status("rt-down")).isEqualTo(ClusterStatus.INIT);
        assertThat(out.note()).isEqualTo("its nodes run, but on the head the job scheduler daemon is down (1"
                + " unfinished job(s)); run `sky start rt-down` (or `sky launch -c rt-down ...`) to reinstall and"
                + " restart the runtime");
    }

    @Test
    void aHeadThatDoesNotAnswerNeverDemotesAnUpCluster() {
        ClusterRecord r = cluster("silent", 1, ClusterStatus.UP);
        TableProbe probe = new TableProbe();
        probe.answers.put("silent", new RuntimeProbe.Result(RuntimeProbe.Outcome.NO_ANSWER,
                "Cannot connect to sky@127.0.0.9:22: connection reset"));

        Reconciled out = reconciler(probe).refreshOne(r);

        assertThat(out.verdict()).isEqualTo(Verdict.HEAD_NO_ANSWER);
        assertThat(status("silent")).isEqualTo(ClusterStatus.UP);
        assertThat(out.note()).contains("did not answer").contains("connection reset").contains("left UP");
    }

    @Test
    void aHealthyRuntimeKeepsTheClusterUpAndOnlyUpClustersWithRunningNodesAreJudgedByTheHead() {
        List<ClusterRecord> rows = List.of(cluster("fine", 1, ClusterStatus.UP), cluster("was-stopped", 1,
                ClusterStatus.UP), cluster("starting", 1, ClusterStatus.INIT));
        f.mem1.stopOutOfBand("was-stopped");
        TableProbe probe = new TableProbe();
        // Even a head that claims to be broken cannot turn a stopped cluster into anything but STOPPED.
        probe.answers.put("was-stopped", new RuntimeProbe.Result(RuntimeProbe.Outcome.BROKEN, "everything"));
        probe.answers.put("starting", new RuntimeProbe.Result(RuntimeProbe.Outcome.BROKEN, "everything"));

        List<Reconciled> out = reconciler(probe).refresh(rows);

        assertThat(out).extracting(Reconciled::verdict).containsExactly(Verdict.UNCHANGED, Verdict.STOPPED,
                Verdict.UNCHANGED);
        assertThat(status("fine")).isEqualTo(ClusterStatus.UP);
        assertThat(status("was-stopped")).isEqualTo(ClusterStatus.STOPPED);
        assertThat(status("starting")).isEqualTo(ClusterStatus.INIT);
        assertThat(probe.asked).as("an INIT cluster's head is never asked").doesNotContain("starting");
    }

    private ClusterStatus status(String name) {
        return f.ctx.state().clusters().get(name).orElseThrow().status();
    }

    @SuppressWarnings("unused")
    private static ClusterRef ref(String name) {
        return new ClusterRef(name, "r1", "r1-a");
    }
}
