package dev.sky.provision.runtime;

import java.util.List;

/**
 * What {@code sky-rt init} records on one node. Every node of a cluster gets the same values except its rank.
 *
 * @param cluster the cluster name
 * @param rank this node's rank: 0 for the head, then the workers in order
 * @param cloud the cloud's display name, as in {@code SKYPILOT_CLUSTER_INFO} ({@code AWS}, {@code GCP}, {@code Local})
 * @param region the region, or null
 * @param zone the zone, or null (JSON {@code null} in {@code SKYPILOT_CLUSTER_INFO})
 * @param cpusPerNode CPUs of each node, the capacity the scheduler shares out
 * @param gpusPerNode GPUs of each node
 * @param nodes all nodes in rank order, head first
 * @param intraClusterKey path on the head of the private key for head-to-worker SSH, or null on one-node clusters
 * @param knownHosts path on the head of the pinned known_hosts file for the workers ({@code [addr]:port} entries
 *     for ports other than 22), or null on one-node clusters
 */
public record RuntimeInit(
        String cluster,
        int rank,
        String cloud,
        String region,
        String zone,
        double cpusPerNode,
        double gpusPerNode,
        List<NodeAddress> nodes,
        String intraClusterKey,
        String knownHosts) {

    public RuntimeInit {
        nodes = List.copyOf(nodes);
        if (rank < 0 || rank >= nodes.size()) {
            throw new IllegalArgumentException("rank " + rank + " is not in the node list of " + nodes.size());
        }
        if (cpusPerNode < 0 || gpusPerNode < 0) {
            throw new IllegalArgumentException("CPUs and GPUs per node cannot be negative");
        }
    }

    /** The same cluster as seen from another node. */
    public RuntimeInit forRank(int otherRank) {
        return new RuntimeInit(cluster, otherRank, cloud, region, zone, cpusPerNode, gpusPerNode, nodes,
                intraClusterKey, knownHosts);
    }
}
