package dev.sky.provision.cluster;

import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a task fits a cluster that already exists, and if not, precisely what does not match. A task fits when one
 * of its resource candidates is met by the cluster's nodes.
 */
public final class ClusterFit {
    private ClusterFit() {}

    /** Empty when the task fits; otherwise one line saying what does not match. */
    public static Optional<String> mismatch(Task task, String cluster, ClusterHandle h) {
        if (task.numNodes() > h.nodes().size()) {
            return Optional.of("Task needs " + task.numNodes() + " nodes but cluster '" + cluster + "' has "
                    + h.nodes().size() + ".");
        }
        List<String> reasons = new ArrayList<>();
        for (Resources r : task.resources().candidates()) {
            String why = why(r, h);
            if (why == null) {
                return Optional.empty();
            }
            reasons.add(why);
        }
        return Optional.of("Task requirements do not fit cluster '" + cluster + "' (" + h.resourcesSummary() + " on "
                + h.cloudDisplay() + "): " + String.join("; or ", reasons)
                + ". Use another cluster name, or `sky down " + cluster + "` first.");
    }

    private static String why(Resources r, ClusterHandle h) {
        if (r.infra().cloud() != null && !r.infra().cloud().equalsIgnoreCase(h.cloud())) {
            return "needs cloud " + r.infra().cloud() + ", cluster is on " + h.cloud();
        }
        if (r.infra().region() != null && h.region() != null && !r.infra().region().equalsIgnoreCase(h.region())) {
            return "needs region " + r.infra().region() + ", cluster is in " + h.region();
        }
        if (r.infra().zone() != null && h.zone() != null && !r.infra().zone().equalsIgnoreCase(h.zone())) {
            return "needs zone " + r.infra().zone() + ", cluster is in " + h.zone();
        }
        if (r.instanceType() != null && !r.instanceType().equals(h.instanceType())) {
            return "needs instance type " + r.instanceType() + ", cluster has " + h.instanceType();
        }
        if (r.useSpot() != h.spot()) {
            return r.useSpot() ? "needs spot nodes, cluster is on-demand" : "needs on-demand nodes, cluster is spot";
        }
        if (r.accelerator() != null) {
            var a = r.accelerator();
            boolean nameOk = a.byMemory() ? h.acceleratorName() != null
                    : h.acceleratorName() != null && h.acceleratorName().toLowerCase(Locale.ROOT)
                            .equals(a.name().toLowerCase(Locale.ROOT));
            if (!nameOk || h.acceleratorCount() + 1e-9 < a.count()) {
                return "needs " + a + ", cluster has " + (h.acceleratorName() == null ? "no accelerators"
                        : h.acceleratorName() + ":" + ClusterHandle.fmt(h.acceleratorCount()));
            }
        }
        if (r.cpus() != null && r.cpus().kind() != dev.sky.core.task.Amount.Kind.EXACT
                && !r.cpus().admits(h.cpusPerNode(), h.cpusPerNode())) {
            return "needs " + r.cpus() + " vCPUs, cluster nodes have " + ClusterHandle.fmt(h.cpusPerNode());
        }
        if (r.cpus() != null && r.cpus().kind() == dev.sky.core.task.Amount.Kind.EXACT
                && r.cpus().value() > h.cpusPerNode() + 1e-9) {
            return "needs " + r.cpus() + " vCPUs, cluster nodes have " + ClusterHandle.fmt(h.cpusPerNode());
        }
        if (r.memory() != null && h.memoryGb() > 0 && r.memory().kind() != dev.sky.core.task.Amount.Kind.EXACT
                && !r.memory().admits(h.memoryGb(), h.cpusPerNode())) {
            return "needs " + r.memory() + " GB of memory, cluster nodes have " + ClusterHandle.fmt(h.memoryGb());
        }
        return null;
    }
}
