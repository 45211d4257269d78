package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.Interrupts;
import dev.sky.core.SkyException;
import dev.sky.core.fault.FaultPoint;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.cluster.failover.Attempt;
import dev.sky.provision.cluster.failover.AttemptsTable;
import dev.sky.provision.cluster.failover.BlockedLocation;
import dev.sky.provision.cluster.failover.Blocklist;
import dev.sky.provision.cluster.failover.ZoneByZone;
import dev.sky.provision.spi.BlockScope;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ResourcesUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates a new cluster, failing over between locations (SkyPilot's rules): try the best candidate; on a capacity,
 * quota or credential error terminate whatever the attempt created, confirm it is gone, block the zone, region or
 * cloud the error calls for, and plan again. The record (INIT) always names the location being tried, so a crash at
 * any point leaves a row that refresh and down can act on. A region candidate of several nodes is tried zone by zone
 * ({@link ZoneByZone}). Each attempt is printed; when all fail, a reasons table.
 */
final class ProvisionFailover {
    /** How long nodes may take to run before the attempt counts as failed and failover moves on. */
    static final Duration NODES_RUNNING_TIMEOUT = Duration.ofMinutes(10);

    private final ClusterContext ctx;
    private final LaunchProgress progress;
    private final Function<Candidate, ProvisionRequest> requests;

    ProvisionFailover(ClusterContext ctx, LaunchProgress progress, Function<Candidate, ProvisionRequest> requests) {
        this.ctx = ctx;
        this.progress = progress;
        this.requests = requests;
    }

    ClusterHandle provision(LaunchRequest req) {
        String name = req.cluster();
        Blocklist blocked = new Blocklist();
        List<Attempt> attempts = new ArrayList<>();
        Instant launchedAt = Instant.now();
        while (true) {
            Optional<Candidate> next = ZoneByZone.attempts(req.replanner().plan(blocked)).stream()
                    .filter(c -> !blocked.blocks(c) && PinnedLocation.allows(req.task(), c)).findFirst();
            if (next.isEmpty()) {
                throw exhausted(name, attempts);
            }
            Candidate c = next.get();
            CloudDescriptor cloud = ctx.cloud(c.cloud());
            LaunchChecks.refuseUnsupportedOnCloud(req.task(), cloud);
            ClusterHandle planned = new ClusterHandle(c.cloud(), cloud.displayName(), c.region(), c.zone(),
                    c.instanceType(), c.spot(), c.hourlyCostPerNode(), c.vcpus(), c.memoryGb(), c.acceleratorName(),
                    c.acceleratorCount(), List.of());
            ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, c.cloud(), c.region(),
                    c.zone(), req.task().numNodes(), null, planned.toJson(), null, launchedAt, Instant.now(),
                    ProcessHandle.current().pid(), "launch"));
            ctx.state().reconcile().clearAbsent(name);
            FaultPoint.AFTER_STATE_INIT.hit();
            Interrupts.checkpoint(name);
            progress.stage("Launching on " + cloud.displayName() + " " + AttemptsTable.location(c.cloud(), c.region(),
                    c.zone()).substring(c.cloud().length()).trim() + " (" + c.instanceType() + ", "
                    + req.task().numNodes() + " node(s))");
            ProvisionRequest request = requests.apply(c);
            Provisioner p = ctx.provisioner(c.cloud());
            try {
                return createAndWait(name, p, request, planned);
            } catch (ProvisionException e) {
                BlockedLocation block = BlockedLocation.after(c, scopeOf(e));
                progress.stageDone();
                progress.info("  Got " + e.getMessage() + (block == null ? "" : "; blocking " + block.describe()
                        + "."));
                boolean cleaned = cleanUp(name, p, request.ref(), attempts, c, e, block);
                attempts.add(new Attempt(c, e.getMessage(), block, cleaned));
                if (block == null) {
                    throw e;
                }
                blocked.add(block);
                Interrupts.checkpoint(name);
            }
        }
    }

    private ClusterHandle createAndWait(String name, Provisioner p, ProvisionRequest request, ClusterHandle planned) {
        FaultPoint.BEFORE_CREATE.hit();
        ClusterInfo info = p.create(request);
        FaultPoint.AFTER_CREATE_RETURNED.hit();
        ClusterHandle handle = planned.withNodes(info);
        saveHandle(ctx, name, handle);
        FaultPoint.AFTER_CREATE.hit();
        Interrupts.checkpoint(name);
        try {
            p.waitFor(request.ref(), InstanceStatus.RUNNING, NODES_RUNNING_TIMEOUT);
        } catch (ResourcesUnavailableException e) {
            throw e;
        } catch (ProvisionException e) {
            // Nodes that never come up count against the location, as SkyPilot's progress timeout does.
            throw new ResourcesUnavailableException("nodes did not reach RUNNING: " + e.getMessage(),
                    request.cloud(), request.region(), request.zone(), BlockScope.ZONE, e);
        }
        handle = HostKeyLearner.learn(planned.withNodes(p.clusterInfo(request.ref()).orElse(info)));
        saveHandle(ctx, name, handle);
        progress.stageDone();
        return handle;
    }

    /** A failure that is about the location (capacity, quota, credentials) blocks; others stop failover. */
    private static BlockScope scopeOf(ProvisionException e) {
        return e.blockScope();
    }

    /**
     * Terminates what the failed attempt may have created and waits until the cloud confirms it, so that nothing
     * runs in a location we leave. When that fails, failover stops: the record is kept for {@code sky down}.
     */
    private boolean cleanUp(String name, Provisioner p, ClusterRef ref, List<Attempt> attempts, Candidate c,
                            ProvisionException cause, BlockedLocation block) {
        try {
            if (p.query(ref).values().stream().allMatch(s -> s == InstanceStatus.TERMINATED)) {
                return false;
            }
            progress.info("  Terminating the node(s) the failed attempt created in " + AttemptsTable.location(
                    c.cloud(), c.region(), c.zone()) + ".");
            p.terminate(ref);
            ClusterTeardown.confirmGone(p, ref, ctx.timings());
            return true;
        } catch (SkyException e) {
            attempts.add(new Attempt(c, cause.getMessage(), block, false));
            progress.info(String.join("\n", AttemptsTable.lines(attempts)));
            throw new SkyException(ExitCode.GENERIC, "Could not clean up the partly created cluster '" + name
                    + "' in " + AttemptsTable.location(c.cloud(), c.region(), c.zone()) + ": " + e.getMessage()
                    + " Its record is kept; run `sky down " + name + "` to retry the teardown.", e);
        }
    }

    /** Every location failed and nothing is left running: the record goes, and the error carries the history. */
    private SkyException exhausted(String name, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return new SkyException(ExitCode.NO_RESOURCES, "No resources fit the task; nothing to launch.");
        }
        new ClusterTeardown(ctx, progress).forget(name);
        progress.info("Failover history (" + attempts.size() + " attempt(s), all failed):");
        progress.info(String.join("\n", AttemptsTable.lines(attempts)));
        List<ProvisionException> history = new ArrayList<>();
        for (Attempt a : attempts) {
            history.add(new ResourcesUnavailableException(a.reason(), a.candidate().cloud(), a.candidate().region(),
                    a.candidate().zone(), BlockScope.NONE, null));
        }
        return ResourcesUnavailableException.afterFailover("Failed to provision '" + name + "' after "
                + attempts.size() + " attempt(s): no location in the plan had capacity (see the table above)."
                + " Retry later, pick other resources, or use --retry-until-up.", history);
    }

    static void saveHandle(ClusterContext ctx, String name, ClusterHandle handle) {
        ClusterRecord r = ctx.state().clusters().get(name).orElseThrow();
        ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, handle.cloud(), handle.region(),
                handle.zone(), handle.nodes().size(), r.resourcesJson(), handle.toJson(), r.autostopJson(),
                r.launchedAt(), Instant.now(), r.ownerPid(), r.ownerOp()));
    }
}
