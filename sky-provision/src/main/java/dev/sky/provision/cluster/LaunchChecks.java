package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.storage.StorageMounts;

/** Refusals that must happen before anything is created or written, each in one line with its reason. */
public final class LaunchChecks {
    private LaunchChecks() {}

    /** Parts of a task this version cannot run anywhere yet. */
    public static void refuseUnsupportedTaskParts(Task task) {
        StorageMounts.refuseBadEntries(task);
    }

    /** Parts of a task the chosen cloud declares it cannot do at launch (container images, TPUs, provisioning). */
    public static void refuseUnsupportedOnCloud(Task task, CloudDescriptor cloud) {
        Resources r = task.resources().first();
        check(cloud, CloudFeature.PROVISION, true, "launch clusters");
        check(cloud, CloudFeature.DOCKER_IMAGE, r.dockerImage(), "run `image_id: docker:...`");
        check(cloud, CloudFeature.TPU, r.tpu(), "launch TPUs");
        check(cloud, CloudFeature.MULTI_NODE, task.numNodes() > 1, "launch " + task.numNodes() + " nodes");
        StorageMounts.refuseOnCloud(task, cloud.id(), cloud.displayName());
    }

    private static void check(CloudDescriptor cloud, CloudFeature f, boolean needed, String what) {
        String reason = cloud.unsupported().get(f);
        if (needed && reason != null) {
            throw new SkyException(ExitCode.NO_RESOURCES, cloud.displayName() + " cannot " + what + ": " + reason);
        }
    }
}
