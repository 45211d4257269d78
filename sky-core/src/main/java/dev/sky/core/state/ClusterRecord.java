package dev.sky.core.state;

import java.time.Instant;

/**
 * One row of the {@code clusters} table. JSON columns are opaque here: the provisioning layer owns their shape.
 *
 * @param name the cluster name (primary key)
 * @param status INIT, UP or STOPPED
 * @param cloud the cloud id
 * @param region the region, or null before one is chosen
 * @param zone the zone, or null
 * @param numNodes number of nodes
 * @param resourcesJson the launched resources, as JSON (may be null)
 * @param handleJson how to reach the nodes (addresses, ssh user, ports), as JSON (may be null)
 * @param autostopJson the autostop setting, as JSON (may be null)
 * @param launchedAt when the cluster was first launched
 * @param statusUpdatedAt when {@code status} last changed
 * @param ownerPid the pid of the sky process working on the cluster now, or null
 * @param ownerOp what that process is doing ({@code launch}, {@code stop}, ...), or null
 */
public record ClusterRecord(String name, ClusterStatus status, String cloud, String region, String zone, int numNodes,
                            String resourcesJson, String handleJson, String autostopJson, Instant launchedAt,
                            Instant statusUpdatedAt, Long ownerPid, String ownerOp) {

    public ClusterRecord withStatus(ClusterStatus newStatus, Instant at) {
        return new ClusterRecord(name, newStatus, cloud, region, zone, numNodes, resourcesJson, handleJson,
                autostopJson, launchedAt, at, ownerPid, ownerOp);
    }
}
