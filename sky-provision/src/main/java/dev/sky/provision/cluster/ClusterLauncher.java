package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.Interrupts;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import dev.sky.core.fault.FaultPoint;
import dev.sky.core.lock.ClusterLock;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.task.Task;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ResourcesUnavailableException;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.storage.StorageMounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sky launch} and {@code sky exec}: finds or makes the cluster, brings its nodes to a state where a job can
 * run, and submits the job. Holds the cluster's lock until the job is submitted, not while its logs stream. Every
 * create call is preceded by a state row (INIT), so a crash at any point leaves something {@code sky down} can find.
 */
public final class ClusterLauncher {
    /** How long to wait for the cluster lock before giving up. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(30);

    private final ClusterContext ctx;
    private final LaunchProgress progress;

    public ClusterLauncher(ClusterContext ctx, LaunchProgress progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    /**
     * The outcome of a launch.
     *
     * @param handle the cluster
     * @param jobId the submitted job, or -1 when the task has nothing to run
     * @param provisioned whether nodes were created or started by this launch
     */
    public record Result(ClusterHandle handle, long jobId, boolean provisioned) {}

    /** The cluster's record, if it exists, for callers deciding whether to plan. */
    public Optional<ClusterRecord> existing(String cluster) {
        return ctx.state().clusters().get(cluster);
    }

    public Result launch(LaunchRequest req) {
        String name = req.cluster();
        LaunchChecks.refuseUnsupportedTaskParts(req.task());
        try (ClusterLock lock = ClusterLock.acquire(ctx.paths().locks(), name, req.provision() ? "launch" : "exec",
                LOCK_WAIT, progress::info)) {
            Optional<ClusterRecord> row = ctx.state().clusters().get(name);
            if (row.isPresent() && row.get().handleJson() != null) {
                // A new cluster gets this check with the cloud's others; an existing one must get it before any sync.
                String cloudId = ClusterHandle.fromJson(row.get().handleJson()).cloud();
                StorageMounts.refuseOnCloud(req.task(), cloudId, () -> ctx.cloud(cloudId).displayName());
            }
            ClusterHandle handle;
            boolean provisioned = false;
            if (row.isPresent() && row.get().status() == ClusterStatus.UP && row.get().handleJson() != null) {
                handle = ClusterHandle.fromJson(row.get().handleJson());
                Optional<String> mismatch = ClusterFit.mismatch(req.task(), name, handle);
                if (mismatch.isPresent()) {
                    throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, mismatch.get());
                }
            } else if (!req.provision()) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, row.isEmpty()
                        ? "Cluster '" + name + "' does not exist. Launch it with `sky launch -c " + name + " ...`."
                        : "Cluster '" + name + "' is " + row.get().status() + ", not UP. Run `sky start " + name
                                + "` first.");
            } else if (row.isPresent() && row.get().handleJson() != null) {
                handle = ClusterHandle.fromJson(row.get().handleJson());
                Optional<String> mismatch = ClusterFit.mismatch(req.task(), name, handle);
                if (mismatch.isPresent()) {
                    throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, mismatch.get());
                }
                handle = row.get().status() == ClusterStatus.STOPPED ? start(name, handle) : repair(name, handle,
                        req);
                provisioned = true;
            } else if (req.candidates().isEmpty() && row.isEmpty()) {
                // The caller saw the cluster and did not plan; another command removed it while we waited.
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + name + "' was removed by"
                        + " another sky command while this launch waited for it; run the launch again to create it.");
            } else {
                handle = provisionNew(req);
                provisioned = true;
            }
            try (NodeRunnerPool nodes = ClusterNodes.open(handle, ctx.keys().userKey().privateKey(),
                    NodeReadiness.options())) {
                if (provisioned) {
                    progress.stage("Waiting for SSH on " + handle.nodes().size() + " node(s)");
                    NodeReadiness.awaitSsh(nodes);
                    progress.stageDone();
                    FaultPoint.AFTER_SSH_READY.hit();
                    Interrupts.checkpoint(name);
                }
                RuntimeInstaller.install(name, handle, nodes, ctx.keys());
                if (provisioned && row.isPresent() && row.get().handleJson() != null) {
                    // A start or a repair of a cluster that existed: its daemons may have died with the node (or
                    // been killed: refresh calls that RUNTIME_DOWN), and a launch that submits nothing would not
                    // start the scheduler again.
                    RuntimeInstaller.startDaemons(name, nodes);
                }
                FaultPoint.AFTER_RUNTIME_INSTALL.hit();
                Provisioner p = ctx.provisioner(handle.cloud());
                new WorkdirUploader(ctx, progress).upload(name, req.task(), nodes, p);
                StorageMounts.attach(ctx, progress, name, req.task(), nodes, p);
                FaultPoint.AFTER_SYNC.hit();
                if (provisioned || row.isEmpty() || row.get().status() != ClusterStatus.UP) {
                    markUp(name, handle, req);
                }
                if (req.autostop() != null) {
                    new AutostopSetter(ctx).apply(name, nodes.head(), req.autostop(), req.hookLauncher());
                }
                Interrupts.checkpoint(name);
                long jobId = -1;
                if (req.task().run() != null || (req.runSetup() && req.task().setup() != null)) {
                    progress.stage(req.runSetup() && req.task().setup() != null
                            ? "Submitting the job (setup runs first on every node)" : "Submitting the job");
                    jobId = new JobClient(name, nodes.head()).submit(JobSubmissions.of(req.task(), handle,
                            req.runSetup()));
                    progress.stageDone();
                    FaultPoint.AFTER_SUBMIT.hit();
                }
                return new Result(handle, jobId, provisioned);
            }
        }
    }

    private ClusterHandle provisionNew(LaunchRequest req) {
        return new ProvisionFailover(ctx, progress, c -> withAutostopDown(request(req.cluster(), req.task(),
                c.cloud(), c.region(), c.zone(), c.instanceType(), c.spot()), req)).provision(req);
    }

    private ClusterHandle start(String name, ClusterHandle handle) {
        progress.stage("Starting " + handle.nodes().size() + " node(s) of '" + name + "'");
        return new ClusterStarter(ctx).start(name, handle);
    }

    /** An INIT cluster (a launch that failed or was interrupted): create again, which the SPI makes idempotent. */
    private ClusterHandle repair(String name, ClusterHandle old, LaunchRequest req) {
        progress.stage("Provisioning " + req.task().numNodes() + " node(s) of '" + name + "' again (it was INIT)");
        Provisioner p = ctx.provisioner(old.cloud());
        ProvisionRequest request = withAutostopDown(request(name, req.task(), old.cloud(), old.region(),
                old.zone(), old.instanceType(), old.spot()), req);
        FaultPoint.BEFORE_CREATE.hit();
        ClusterInfo info = p.create(request);
        FaultPoint.AFTER_CREATE_RETURNED.hit();
        ClusterHandle handle = old.withNodes(info);
        saveHandle(name, handle, ClusterStatus.INIT);
        FaultPoint.AFTER_CREATE.hit();
        p.waitFor(request.ref(), InstanceStatus.RUNNING, Duration.ofMinutes(10));
        handle = HostKeyLearner.learn(old.withNodes(p.clusterInfo(request.ref()).orElse(info)), old);
        saveHandle(name, handle, ClusterStatus.INIT);
        progress.stageDone();
        return handle;
    }

    private ProvisionRequest request(String name, Task task, String cloud, String region, String zone,
                                     String instanceType, boolean spot) {
        List<PortRange> ports = new ArrayList<>();
        task.resources().first().ports().forEach(s -> ports.add(PortRange.parse(s)));
        String image = task.resources().first().imageId().get(dev.sky.core.task.Resources.ANY_REGION);
        if (image == null && region != null) {
            image = task.resources().first().imageId().get(region);
        }
        java.util.Map<String, String> labels = new java.util.HashMap<>(task.resources().first().labels());
        String tier = task.resources().first().diskTier();
        if (tier != null) {
            labels.put(ProvisionRequest.DISK_TIER_LABEL, tier.toLowerCase(java.util.Locale.ROOT));
        }
        return new ProvisionRequest(name, task.numNodes(), cloud, region, zone, instanceType, spot, image,
                task.resources().first().diskSizeGb(), ports, ctx.keys().userKey().publicKeyLine(),
                ctx.keys().clusterKey(name).publicKeyLine(), labels);
    }

    /** Tells the cloud that autostop --down was asked at launch ({@link ProvisionRequest#AUTOSTOP_DOWN_LABEL}). */
    private static ProvisionRequest withAutostopDown(ProvisionRequest r, LaunchRequest req) {
        if (req.autostop() == null || !req.autostop().enabled() || !req.autostop().down()) {
            return r;
        }
        java.util.Map<String, String> labels = new java.util.HashMap<>(r.labels());
        labels.put(ProvisionRequest.AUTOSTOP_DOWN_LABEL, "true");
        return r.withLabels(labels);
    }

    private void saveHandle(String name, ClusterHandle handle, ClusterStatus status) {
        ClusterRecord r = ctx.state().clusters().get(name).orElseThrow();
        ctx.state().clusters().upsert(new ClusterRecord(name, status, handle.cloud(), handle.region(),
                handle.zone(), handle.nodes().size(), r.resourcesJson(), handle.toJson(), r.autostopJson(),
                r.launchedAt(), Instant.now(), r.ownerPid(), r.ownerOp()));
    }

    private void markUp(String name, ClusterHandle handle, LaunchRequest req) {
        ClusterRecord r = ctx.state().clusters().get(name).orElseThrow();
        Instant now = Instant.now();
        ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.UP, handle.cloud(), handle.region(),
                handle.zone(), handle.nodes().size(), r.resourcesJson(), handle.toJson(), r.autostopJson(),
                r.launchedAt(), now, null, null));
        if (r.status() == ClusterStatus.INIT) {
            ctx.state().history().recordLaunch(name, handle.cloud(), handle.region(), handle.instanceType(),
                    handle.nodes().size(), handle.hourlyCostPerNode() * handle.nodes().size(), r.launchedAt());
        }
        SshAccess.write(ctx, name, handle);
        FaultPoint.AFTER_STATE_UP.hit();
    }

    static String where(CloudDescriptor cloud, Candidate c) {
        String loc = c.zone() != null ? c.zone() : c.region();
        return cloud.displayName() + (loc == null ? "" : " " + loc) + " (" + c.instanceType() + ")";
    }

    static long scaledMillis(long ms) {
        return TimeScale.millis(ms);
    }
}
