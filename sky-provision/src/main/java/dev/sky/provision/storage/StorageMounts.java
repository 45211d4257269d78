package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.StorageTable.StorageRecord;
import dev.sky.core.task.Task;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.LaunchProgress;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bucket file mounts, end to end: the up-front refusals, the laptop-side bucket work and the node set-up at launch,
 * and the deletion of non-persistent buckets once a cluster is gone. The cluster code calls only this class.
 */
public final class StorageMounts {
    private StorageMounts() {}

    /** Before anything is created: every bucket entry must make sense (stores, modes, names, local sources). */
    public static void refuseBadEntries(Task task) {
        SkyPaths paths = SkyPaths.current();
        List<MountPlan> plans = MountPlans.of(task, paths.userHome());
        UploadPreflight.from(System.getenv()); // a bad threshold is refused here, not half-way through a launch
        // Likewise each store's own config keys (e.g. aws.s3.node_credentials_hours).
        plans.stream().map(MountPlan::storeType).distinct().forEach(type -> ObjectStores.checkSettings(type,
                new StoreSettings(paths, null, null, null, System.getenv())));
    }

    /**
     * Before a cluster is created on a cloud: the local cloud's nodes are this machine, so MOUNT and MOUNT_CACHED
     * need rclone and a FUSE device usable by this user here; without them the launch is refused with the reason.
     */
    public static void refuseOnCloud(Task task, String cloudId, String cloudName) {
        refuseOnCloud(task, cloudId, () -> cloudName);
    }

    /** The same, for an existing cluster: the cloud's name is looked up only for the message. */
    public static void refuseOnCloud(Task task, String cloudId, Supplier<String> cloudName) {
        if (!cloudId.equals("local")) {
            return;
        }
        for (MountPlan p : MountPlans.of(task, SkyPaths.current().userHome())) {
            if (p.mode().mounts()) {
                Optional<String> why = LocalFuse.missing();
                if (why.isPresent()) {
                    throw new SkyException(ExitCode.NO_RESOURCES, cloudName.get() + " cannot " + p.mode() + " "
                            + p.uri() + " at " + p.destination() + ": " + why.get() + ". Use `mode: COPY` instead.");
                }
            }
        }
    }

    /** After the workdir and local file mounts are synced: buckets first (from the laptop), then every node. */
    public static void attach(ClusterContext ctx, LaunchProgress progress, String cluster, Task task,
                              NodeRunnerPool nodes, Provisioner provisioner) {
        List<MountPlan> plans = MountPlans.of(task, ctx.paths().userHome());
        if (plans.isEmpty()) {
            return;
        }
        BucketPreparer preparer = new BucketPreparer(ctx.paths(), ctx.state(), UploadPreflight.from(ctx.env()),
                progress::info);
        NodeMounter mounter = new NodeMounter(cluster, nodes, provisioner, ctx.manifests());
        for (MountPlan plan : plans) {
            try (ObjectStore store = ObjectStores.open(plan.storeType(), settings(ctx, null, null, plan.account()))) {
                preparer.prepare(plan, store, cluster);
                progress.stage((plan.mode() == StorageMode.COPY ? "Copying " : "Mounting (" + plan.mode() + ") ")
                        + plan.uri() + " to " + plan.destination() + " on " + nodes.size() + " node(s)");
                if (plan.mode() == StorageMode.COPY) {
                    mounter.copy(plan, new BucketCopier(ctx.paths()).mirror(plan, store));
                } else {
                    mounter.mount(plan, store, progress::info);
                }
                progress.stageDone();
            }
        }
    }

    /**
     * After the cloud confirmed the cluster is gone: the cluster stops using its buckets, and a non-persistent bucket
     * sky created and no other cluster uses is deleted (its row goes after the store confirms). A failure here is
     * reported, not thrown: the cluster is gone, and {@code sky storage delete} can finish the job.
     */
    public static void afterClusterGone(ClusterContext ctx, LaunchProgress progress, String cluster) {
        for (StorageRecord r : ctx.state().storage().usedBy(cluster)) {
            ctx.state().storage().setUsedBy(r.name(), cluster, false);
            StorageRecord now = ctx.state().storage().get(r.name()).orElse(null);
            if (now == null || now.persistent() || !now.createdBySky() || !now.clusters().isEmpty()) {
                continue;
            }
            try {
                new BucketDeleter(ctx).delete(now);
                progress.info("Deleted bucket " + now.store() + "://" + now.name() + " (persistent: false).");
            } catch (SkyException e) {
                progress.info("Could not delete bucket " + now.store() + "://" + now.name() + ": " + e.getMessage()
                        + " Run `sky storage delete " + now.name() + "`.");
            }
        }
    }

    static StoreSettings settings(ClusterContext ctx, String endpoint, String region, String account) {
        return new StoreSettings(ctx.paths(), endpoint, region, account, ctx.env());
    }

    /** Where SKY_HOME keeps storage files (checksum caches, COPY mirrors). */
    static Path home(SkyPaths paths) {
        return paths.home().resolve("storage");
    }
}
