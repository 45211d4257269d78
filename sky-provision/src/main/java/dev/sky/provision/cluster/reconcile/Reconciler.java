package dev.sky.provision.cluster.reconcile;

import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import dev.sky.core.lock.ClusterLock;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterHandle;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.Provisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code sky status --refresh}: asks the clouds about every cluster in parallel and brings each record in line,
 * level-triggered (only the cloud's answer now counts, not what happened before). Rules:
 * <ul>
 *   <li>A cluster another command holds (its lock is taken, or its owner process lives) is left alone.</li>
 *   <li>Nodes gone: the record goes only after their absence lasted {@link #DEFAULT_GRACE} and is confirmed by one
 *       more query, so an instance the cloud does not list yet (eventual consistency) is never forgotten.</li>
 *   <li>All stopped: STOPPED. Partial, pending or mixed: INIT. Running after a stop, or at a new address: INIT with a
 *       hint to run {@code sky start}.</li>
 *   <li>An UP cluster whose nodes all run: its head is asked {@code sky-rt health} over SSH (in parallel with the
 *       cloud query). A damaged runtime or a daemon that is down: INIT with a hint to run {@code sky start}.</li>
 *   <li>An error asking the cloud, or reaching a node, never changes the record: an UP cluster stays UP.</li>
 * </ul>
 */
public final class Reconciler {
    /** How long nodes must stay missing before the record goes, before SKY_TIME_SCALE. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);
    private static final int MAX_PARALLEL = 16;

    private final ClusterContext ctx;
    private final Duration grace;
    private final Consumer<String> removedHook;
    private final RuntimeProbe probe;

    /** A reconciler that never logs in to nodes ({@link RuntimeProbe#NONE}). */
    public Reconciler(ClusterContext ctx, Duration grace, Consumer<String> forget) {
        this(ctx, grace, forget, RuntimeProbe.NONE);
    }

    /**
     * @param ctx the clusters' context
     * @param grace how long an absence must last before the record goes (already scaled)
     * @param forget removes every local trace of a cluster whose nodes are confirmed gone
     * @param probe asks an UP cluster's head whether its runtime is healthy; bounded in time
     */
    public Reconciler(ClusterContext ctx, Duration grace, Consumer<String> forget, RuntimeProbe probe) {
        this.ctx = ctx;
        this.grace = grace;
        this.removedHook = forget;
        this.probe = probe;
    }

    /** Refreshes the clusters in parallel; results in the order given. */
    public List<Reconciled> refresh(Collection<ClusterRecord> rows) {
        List<ClusterRecord> list = List.copyOf(rows);
        if (list.size() <= 1) {
            return list.stream().map(this::refreshOne).toList();
        }
        // Clusters another command works on are not asked about at all; the others of a region in one go if the
        // cloud can (clouds rate-limit their APIs: one call for 30 clusters instead of 30).
        BulkLookup bulk = BulkLookup.of(ctx, list.stream().filter(r -> !ownerAlive(r)).toList());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, list.size()), r -> {
            Thread t = new Thread(r, "sky-refresh");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Reconciled>> futures = new ArrayList<>();
            for (ClusterRecord r : list) {
                futures.add(pool.submit(() -> refreshOne(r, bulk)));
            }
            List<Reconciled> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(unknown(list.get(i), e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SkyException(dev.sky.core.ExitCode.GENERIC, "Interrupted while refreshing");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Refreshes one cluster. */
    public Reconciled refreshOne(ClusterRecord r) {
        return refreshOne(r, BulkLookup.none());
    }

    private Reconciled refreshOne(ClusterRecord r, BulkLookup bulk) {
        if (ownerAlive(r)) {
            return new Reconciled(r.name(), r, Optional.of(r), Verdict.BUSY, "'sky " + r.ownerOp()
                    + "' (pid " + r.ownerPid() + ") is working on it");
        }
        Provisioner p;
        Optional<ClusterInfo> info;
        ClusterRef ref = new ClusterRef(r.name(), r.region(), r.zone());
        // Only an UP cluster is probed, and the probe runs while the cloud is asked: a refresh costs the slower of
        // the two, not their sum. Its answer is used only if the cloud says every node runs at the recorded address.
        CompletableFuture<RuntimeProbe.Result> health = r.status() == ClusterStatus.UP && r.handleJson() != null
                && probe != RuntimeProbe.NONE ? CompletableFuture.supplyAsync(() -> probe.probe(r), ProbeThreads.POOL)
                : CompletableFuture.completedFuture(RuntimeProbe.Result.SKIPPED);
        try {
            p = ctx.provisioner(r.cloud());
            // One call gives both the states and the addresses: clouds rate-limit their APIs, and a refresh of
            // many clusters must stay within the budget.
            Optional<ClusterInfo> asked = bulk.answer(r.name());
            info = asked != null ? asked : p.clusterInfo(ref);
        } catch (RuntimeException e) {
            return unknown(r, e);
        }
        Map<String, InstanceStatus> nodes = new java.util.LinkedHashMap<>();
        info.ifPresent(i -> i.nodes().forEach(n -> nodes.put(n.instanceId(), n.status())));
        long alive = nodes.values().stream().filter(s -> !s.isGone()).count();
        if (alive == 0) {
            return absent(r, p, ref);
        }
        ctx.state().reconcile().clearAbsent(r.name());
        if (nodes.values().stream().filter(s -> !s.isGone())
                .allMatch(s -> s == InstanceStatus.STOPPED || s == InstanceStatus.STOPPING) && alive >= r.numNodes()) {
            return update(r, ClusterStatus.STOPPED, Verdict.STOPPED, null);
        }
        boolean allRunning = alive >= r.numNodes() && nodes.values().stream().allMatch(s -> s == InstanceStatus.RUNNING);
        if (!allRunning) {
            return update(r, ClusterStatus.INIT, Verdict.PARTIAL, alive + " of " + r.numNodes()
                    + " node(s) alive, states " + nodes.values() + "; run `sky start " + r.name() + "` or `sky launch -c "
                    + r.name() + " ...` to repair, or `sky down " + r.name() + "`");
        }
        if (r.status() == ClusterStatus.STOPPED) {
            return update(r, ClusterStatus.INIT, Verdict.RUNNING_AGAIN, "its nodes run again outside sky; run `sky start "
                    + r.name() + "` to recover");
        }
        if (r.status() == ClusterStatus.UP && addressChanged(r, info.get())) {
            return update(r, ClusterStatus.INIT, Verdict.ADDRESS_CHANGED, "the head node's address changed; run"
                    + " `sky start " + r.name() + "` to recover");
        }
        return r.status() == ClusterStatus.UP ? runtime(r, health) : new Reconciled(r.name(), r, Optional.of(r),
                Verdict.UNCHANGED, null);
    }

    /** An UP cluster whose nodes all run: the head's answer decides. Only a broken runtime demotes it. */
    private Reconciled runtime(ClusterRecord r, CompletableFuture<RuntimeProbe.Result> health) {
        RuntimeProbe.Result h;
        try {
            h = health.join();
        } catch (RuntimeException e) {
            h = new RuntimeProbe.Result(RuntimeProbe.Outcome.NO_ANSWER, String.valueOf(e.getMessage()));
        }
        return switch (h.outcome()) {
            case BROKEN -> update(r, ClusterStatus.INIT, Verdict.RUNTIME_DOWN, "its nodes run, but on the head "
                    + h.detail() + "; run `sky start " + r.name() + "` (or `sky launch -c " + r.name()
                    + " ...`) to reinstall and restart the runtime");
            case NO_ANSWER -> new Reconciled(r.name(), r, Optional.of(r), Verdict.HEAD_NO_ANSWER, "the head did not"
                    + " answer (" + h.detail() + "); left UP");
            case HEALTHY, SKIPPED -> new Reconciled(r.name(), r, Optional.of(r), Verdict.UNCHANGED, null);
        };
    }

    private Reconciled absent(ClusterRecord r, Provisioner p, ClusterRef ref) {
        Instant now = Instant.now();
        Instant first = ctx.state().reconcile().markAbsent(r.name(), now);
        Duration missing = Duration.between(first, now);
        if (missing.compareTo(grace) < 0) {
            return new Reconciled(r.name(), r, Optional.of(r), Verdict.ABSENT_WITHIN_GRACE, "no node found on "
                    + r.cloud() + " for " + missing.toMillis() / 1000 + " s; the record goes if they stay missing for "
                    + Math.max(1, grace.toMillis() / 1000) + " s (or run `sky down " + r.name() + "`)");
        }
        try (ClusterLock lock = tryLock(r.name())) {
            if (lock == null) {
                return new Reconciled(r.name(), r, Optional.of(r), Verdict.BUSY, "another command holds it");
            }
            Optional<ClusterRecord> current = ctx.state().clusters().get(r.name());
            if (current.isEmpty() || changed(current.get(), r)) {
                return new Reconciled(r.name(), r, current, Verdict.BUSY, "changed while refreshing");
            }
            // Confirm once more under the lock: a create may have made the nodes visible meanwhile.
            if (p.query(ref).values().stream().anyMatch(s -> !s.isGone())) {
                ctx.state().reconcile().clearAbsent(r.name());
                return new Reconciled(r.name(), r, current, Verdict.UNCHANGED, null);
            }
            // The nodes are gone, but not what the cloud made with them (on AWS the security group and the launch
            // generation behind RunInstances' ClientToken, which would make the next launch of this name fail with
            // IdempotentParameterMismatch). Terminate is idempotent and deletes them; if it fails the row stays and
            // the next refresh tries again.
            p.terminate(ref);
            removedHook.accept(r.name());
            ctx.state().reconcile().clearAbsent(r.name());
            return new Reconciled(r.name(), r, Optional.empty(), Verdict.REMOVED, null);
        } catch (RuntimeException e) {
            return unknown(r, e);
        }
    }

    private static boolean addressChanged(ClusterRecord r, ClusterInfo info) {
        if (r.handleJson() == null || info.nodes().isEmpty()) {
            return false;
        }
        ClusterHandle h = ClusterHandle.fromJson(r.handleJson());
        if (h.nodes().isEmpty()) {
            return false;
        }
        String now = info.head().externalAddress();
        return now != null && !now.equals(h.head().address());
    }

    /** Writes the new status under the lock, unless another command changed the record meanwhile. */
    private Reconciled update(ClusterRecord r, ClusterStatus status, Verdict verdict, String note) {
        if (status == r.status()) {
            return new Reconciled(r.name(), r, Optional.of(r), verdict, note);
        }
        try (ClusterLock lock = tryLock(r.name())) {
            if (lock == null) {
                return new Reconciled(r.name(), r, Optional.of(r), Verdict.BUSY, "another command holds it");
            }
            Optional<ClusterRecord> current = ctx.state().clusters().get(r.name());
            if (current.isEmpty() || changed(current.get(), r)) {
                return new Reconciled(r.name(), r, current, Verdict.BUSY, "changed while refreshing");
            }
            ctx.state().clusters().updateStatus(r.name(), status, Instant.now());
            return new Reconciled(r.name(), r, ctx.state().clusters().get(r.name()), verdict, note);
        }
    }

    /** The lock if it is free now, else null: refresh never waits behind a launch or a down. */
    private ClusterLock tryLock(String name) {
        try {
            return ClusterLock.acquire(ctx.paths().locks(), name, "status --refresh", Duration.ZERO, null);
        } catch (SkyException busy) {
            return null;
        }
    }

    /** Whether another command wrote the record since it was read (the DB keeps milliseconds). */
    private static boolean changed(ClusterRecord now, ClusterRecord read) {
        return now.status() != read.status()
                || now.statusUpdatedAt().toEpochMilli() != read.statusUpdatedAt().toEpochMilli();
    }

    private static boolean ownerAlive(ClusterRecord r) {
        return r.ownerPid() != null && r.ownerPid() != ProcessHandle.current().pid()
                && ProcessHandle.of(r.ownerPid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Reconciled unknown(ClusterRecord r, Throwable e) {
        return new Reconciled(r.name(), r, Optional.of(r), Verdict.UNKNOWN, "could not ask " + r.cloud() + ": "
                + (e == null ? "unknown error" : e.getMessage()));
    }

    /** The grace period scaled by SKY_TIME_SCALE. */
    public static Duration scaledGrace() {
        return TimeScale.scale(DEFAULT_GRACE);
    }

    /** Daemon threads for probes, so a head that never answers cannot keep sky from exiting. */
    private static final class ProbeThreads {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sky-refresh-probe");
            t.setDaemon(true);
            return t;
        });
    }
}
