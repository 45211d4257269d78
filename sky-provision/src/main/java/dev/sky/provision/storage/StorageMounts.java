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
        List<MountPlan> plans = MountPlans.of(task, paths, System.getenv());
        UploadPreflight.from(System.getenv()); // a bad threshold is refused here, not half-way through a launch
        UploadManifest.relistRequested(System.getenv());
        // Likewise each store's own config keys (e.g. aws.s3.node_credentials_hours).
        plans.stream().map(MountPlan::storeType).distinct().forEach(type -> ObjectStores.checkSettings(type,
                new StoreSettings(paths, null, null, null, System.getenv())));
    }

    /**
     * Before a cluster is created on a cloud: the local cloud's nodes are this machine, so every bucket entry needs
     * rclone here (COPY downloads with it), and MOUNT and MOUNT_CACHED also a FUSE device usable by this user; without
     * them the launch is refused with the reason.
     */
    public static void refuseOnCloud(Task task, String cloudId, String cloudName) {
        refuseOnCloud(task, cloudId, () -> cloudName);
    }

    /** The same, for an existing cluster: the cloud's name is looked up only for the message. */
    public static void refuseOnCloud(Task task, String cloudId, Supplier<String> cloudName) {
        if (!cloudId.equals("local")) {
            return;
        }
        for (MountPlan p : MountPlans.of(task, SkyPaths.current(), System.getenv())) {
            Optional<String> why = p.mode().mounts() ? LocalFuse.missing() : LocalFuse.missingRclone();
            if (why.isPresent()) {
                throw new SkyException(ExitCode.NO_RESOURCES, cloudName.get() + " cannot " + p.mode() + " "
                        + p.uri() + " at " + p.destination() + ": " + why.get() + "."
                        + (p.mode().mounts() && LocalFuse.missingRclone().isEmpty() ? " Use `mode: COPY` instead."
                        : ""));
            }
        }
    }

    /** After the workdir and local file mounts are synced: buckets first (from the laptop), then every node. */
    public static void attach(ClusterContext ctx, LaunchProgress progress, String cluster, Task task,
                              NodeRunnerPool nodes, Provisioner provisioner) {
        List<MountPlan> plans = MountPlans.of(task, ctx.paths(), ctx.env());
        if (plans.isEmpty()) {
            return;
        }
        BucketPreparer preparer = new BucketPreparer(ctx.paths(), ctx.state(), UploadPreflight.from(ctx.env()),
                UploadManifest.relistRequested(ctx.env()), progress::info);
        NodeMounter mounter = new NodeMounter(cluster, nodes, provisioner);
        for (MountPlan plan : plans) {
            try (ObjectStore store = ObjectStores.open(plan.storeType(), settings(ctx, null, null, plan.account()))) {
                preparer.prepare(plan, store, cluster);
                progress.stage((plan.mode() == StorageMode.COPY ? "Copying " : "Mounting (" + plan.mode() + ") ")
                        + plan.uri() + " to " + plan.destination() + " on " + nodes.size() + " node(s)");
                if (plan.mode() == StorageMode.COPY) {
                    mounter.copy(plan, store, progress::info);
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

    /** Where SKY_HOME keeps storage files (checksum caches, upload manifests). */
    static Path home(SkyPaths paths) {
        return paths.home().resolve("storage");
    }
}
