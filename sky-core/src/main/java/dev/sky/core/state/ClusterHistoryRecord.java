package dev.sky.core.state;

import java.time.Instant;

/**
 * One launch of a cluster, kept after the cluster is gone, for {@code sky cost-report}.
 *
 * @param id row id
 * @param clusterName the cluster name (a name can be reused; each launch is its own row)
 * @param cloud the cloud id
 * @param region the region, or null
 * @param instanceType the instance type
 * @param numNodes number of nodes
 * @param hourlyCost dollars per hour for the whole cluster (all nodes)
 * @param launchedAt when it was launched
 * @param endedAt when it was torn down, or null while it lives
 */
public record ClusterHistoryRecord(long id, String clusterName, String cloud, String region, String instanceType,
                                   int numNodes, double hourlyCost, Instant launchedAt, Instant endedAt) {}
