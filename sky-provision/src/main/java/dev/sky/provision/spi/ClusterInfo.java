package dev.sky.provision.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a cloud reports about a cluster's nodes, with the head first.
 *
 * @param ref the cluster
 * @param cloud cloud id
 * @param nodes the nodes in rank order: index i holds rank i
 */
public record ClusterInfo(ClusterRef ref, String cloud, List<NodeInfo> nodes) {
    public ClusterInfo {
        Objects.requireNonNull(ref, "ref");
        nodes = List.copyOf(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).rank() != i) {
                throw new IllegalArgumentException("nodes must be in rank order: index " + i + " holds rank "
                        + nodes.get(i).rank());
            }
        }
    }

    public NodeInfo head() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("cluster " + ref.clusterName() + " has no nodes");
        }
        return nodes.get(0);
    }

    public List<NodeInfo> workers() {
        return nodes.isEmpty() ? List.of() : nodes.subList(1, nodes.size());
    }

    /** Whether every node is {@link InstanceStatus#RUNNING}. */
    public boolean allRunning() {
        return !nodes.isEmpty() && nodes.stream().allMatch(n -> n.status() == InstanceStatus.RUNNING);
    }
}
