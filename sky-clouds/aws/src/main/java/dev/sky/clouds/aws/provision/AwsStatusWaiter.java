package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.throttle.Pacer;
import java.time.Duration;
import java.util.Map;

/**
 * Polls a cluster until its nodes reach a status, like the SPI's default wait, but allowing for EC2's eventual
 * consistency: right after this provisioner created nodes, DescribeInstances may not show them (or not all of them)
 * for a while, which is not "the cluster does not exist".
 */
final class AwsStatusWaiter {
    static final Duration POLL = Duration.ofMillis(500);

    private final AwsProvisioner p;
    private final Pacer pacer;

    AwsStatusWaiter(AwsProvisioner p, Pacer pacer) {
        this.p = p;
        this.pacer = pacer;
    }

    /**
     * @param expected nodes this provisioner just asked for (0 when it did not create the cluster)
     * @param visibility how long missing nodes are put down to eventual consistency
     */
    void await(ClusterRef cluster, InstanceStatus target, Duration timeout, int expected, Duration visibility) {
        long start = pacer.nanoTime();
        long deadline = start + timeout.toNanos();
        long visibleBy = start + visibility.toNanos();
        while (true) {
            Map<String, InstanceStatus> now = p.query(cluster);
            boolean settling = expected > 0 && now.size() < expected && target != InstanceStatus.TERMINATED
                    && pacer.nanoTime() - visibleBy < 0;
            if (!settling && reached(now, target, expected)) {
                return;
            }
            if (!settling && now.isEmpty() && target != InstanceStatus.TERMINATED) {
                throw ProvisionException.failed("aws", "cluster " + cluster.clusterName() + " does not exist on AWS"
                        + " (waiting for " + target + ")", null);
            }
            if (target == InstanceStatus.RUNNING && now.values().stream().anyMatch(InstanceStatus::isGone)) {
                throw ProvisionException.failed("aws", "cluster " + cluster.clusterName()
                        + ": nodes went away while waiting for RUNNING: " + now, null);
            }
            if (pacer.nanoTime() - deadline > 0) {
                throw ProvisionException.failed("aws", "cluster " + cluster.clusterName() + " did not reach " + target
                        + " within " + timeout.toSeconds() + " s; last seen: " + now, null);
            }
            p.sleep(POLL);
        }
    }

    private static boolean reached(Map<String, InstanceStatus> statuses, InstanceStatus target, int expected) {
        if (statuses.isEmpty()) {
            return target == InstanceStatus.TERMINATED;
        }
        if (target != InstanceStatus.TERMINATED && statuses.size() < expected) {
            return false;
        }
        return statuses.values().stream().allMatch(s -> s == target);
    }
}
