package dev.sky.provision.spi;

import java.time.Duration;
import java.util.Map;

/** Polls {@link Provisioner#query} until every node reaches a status; the default {@link Provisioner#waitFor}. */
final class StatusWaiter {
    private StatusWaiter() {}

    static void await(Provisioner p, ClusterRef cluster, InstanceStatus target, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, InstanceStatus> last = Map.of();
        while (true) {
            last = p.query(cluster);
            if (reached(last, target)) {
                return;
            }
            if (last.isEmpty() && target != InstanceStatus.TERMINATED) {
                throw ProvisionException.failed(p.cloudId(), "cluster " + cluster.clusterName()
                        + " does not exist on " + p.cloudId() + " (waiting for " + target + ")", null);
            }
            if (target == InstanceStatus.RUNNING && last.values().stream().anyMatch(InstanceStatus::isGone)) {
                throw ProvisionException.failed(p.cloudId(), "cluster " + cluster.clusterName()
                        + ": nodes went away while waiting for RUNNING: " + last, null);
            }
            if (System.nanoTime() - deadline > 0) {
                throw ProvisionException.failed(p.cloudId(), "cluster " + cluster.clusterName() + " did not reach "
                        + target + " within " + timeout.toSeconds() + " s; last seen: " + last, null);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProvisionException.failed(p.cloudId(), "interrupted while waiting for cluster "
                        + cluster.clusterName(), e);
            }
        }
    }

    static boolean reached(Map<String, InstanceStatus> statuses, InstanceStatus target) {
        if (statuses.isEmpty()) {
            return target == InstanceStatus.TERMINATED;
        }
        return statuses.values().stream().allMatch(s -> s == target);
    }
}
