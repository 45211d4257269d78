package dev.sky.provision.contract;

import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cloud that lives in memory, for testing the contract suite itself and code that drives provisioners. Nodes move
 * one step per query (PENDING to RUNNING, STOPPING to STOPPED), so waiting really polls.
 */
public final class InMemoryProvisioner implements Provisioner {
    private final Map<String, List<Node>> clusters = new ConcurrentHashMap<>();
    private int nextId = 1;

    private static final class Node {
        final String id;
        final String hostKey;
        InstanceStatus status = InstanceStatus.PENDING;

        Node(String id) {
            this.id = id;
            this.hostKey = "ssh-ed25519 AAAA" + id;
        }
    }

    @Override
    public String cloudId() {
        return "memory";
    }

    @Override
    public synchronized ClusterInfo create(ProvisionRequest request) {
        List<Node> nodes = clusters.computeIfAbsent(request.clusterName(), k -> new ArrayList<>());
        for (Node n : nodes) {
            if (n.status == InstanceStatus.STOPPED || n.status == InstanceStatus.STOPPING) {
                n.status = InstanceStatus.PENDING;
            }
        }
        while (nodes.size() < request.numNodes()) {
            nodes.add(new Node("i-" + nextId++));
        }
        return info(request.ref(), nodes);
    }

    @Override
    public synchronized Map<String, InstanceStatus> query(ClusterRef cluster) {
        List<Node> nodes = clusters.getOrDefault(cluster.clusterName(), List.of());
        Map<String, InstanceStatus> out = new LinkedHashMap<>();
        for (Node n : nodes) {
            out.put(n.id, n.status);
            if (n.status == InstanceStatus.PENDING) {
                n.status = InstanceStatus.RUNNING;
            } else if (n.status == InstanceStatus.STOPPING) {
                n.status = InstanceStatus.STOPPED;
            }
        }
        return out;
    }

    @Override
    public synchronized void stop(ClusterRef cluster) {
        clusters.getOrDefault(cluster.clusterName(), List.of()).forEach(n -> {
            if (n.status != InstanceStatus.STOPPED) {
                n.status = InstanceStatus.STOPPING;
            }
        });
    }

    @Override
    public synchronized void start(ClusterRef cluster) {
        List<Node> nodes = clusters.get(cluster.clusterName());
        if (nodes == null) {
            throw ProvisionException.failed(cloudId(), "cluster " + cluster.clusterName() + " does not exist", null);
        }
        nodes.forEach(n -> n.status = n.status == InstanceStatus.RUNNING ? n.status : InstanceStatus.PENDING);
    }

    @Override
    public synchronized void terminate(ClusterRef cluster) {
        clusters.remove(cluster.clusterName());
    }

    @Override
    public void openPorts(ClusterRef cluster, List<PortRange> ports) {}

    @Override
    public synchronized Optional<ClusterInfo> clusterInfo(ClusterRef cluster) {
        List<Node> nodes = clusters.get(cluster.clusterName());
        return nodes == null ? Optional.empty() : Optional.of(info(cluster, nodes));
    }

    /** How many clusters exist: the ground truth for leak checks. */
    public synchronized int clusterCount() {
        return clusters.size();
    }

    private ClusterInfo info(ClusterRef ref, List<Node> nodes) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            out.add(new NodeInfo(i, n.id, "10.0.0." + (i + 1), "192.0.2." + (i + 1), 22, "sky", n.hostKey, n.status));
        }
        return new ClusterInfo(ref, cloudId(), out);
    }
}
