package dev.sky.provision.contract;

import dev.sky.provision.spi.BlockScope;
import dev.sky.provision.spi.BulkClusterInfo;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.PartialProvisionException;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ResourcesUnavailableException;
import dev.sky.provision.spi.TaggedResource;
import dev.sky.provision.spi.TaggedResources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cloud that lives in memory, for testing the contract suite itself and code that drives provisioners. Nodes move
 * one step per query (PENDING to RUNNING, STOPPING to STOPPED), so waiting really polls. Fault knobs stand in for a
 * real cloud's failures: no capacity per zone or region, partial creates, failing or silent terminates, nodes hidden
 * from listings for a while (eventual consistency), and drift applied from outside (stop, vanish, new address).
 * {@link #aliveNodes()} is the ground truth for leak checks.
 */
public final class InMemoryProvisioner implements Provisioner, TaggedResources {
    private final String cloudId;
    private final Map<String, List<Node>> clusters = new LinkedHashMap<>();
    private final Set<String> noCapacity = new HashSet<>();
    private final Set<String> noQuota = new HashSet<>();
    private final Map<String, Integer> partial = new HashMap<>();
    private final Map<String, Integer> hiddenQueries = new HashMap<>();
    private final List<String> createLog = new ArrayList<>();
    private int failingTerminates;
    private int terminateCalls;
    private boolean offersBulk;
    private int clusterInfoCalls;
    private int bulkCalls;
    private boolean silentTerminate;
    private boolean failStarts;
    private int nextId = 1;

    private static final class Node {
        final String id;
        final String hostKey;
        final String region;
        final String zone;
        String address;
        InstanceStatus status = InstanceStatus.PENDING;

        Node(String id, String region, String zone, String address) {
            this.id = id;
            this.hostKey = "ssh-ed25519 AAAA" + id;
            this.region = region;
            this.zone = zone;
            this.address = address;
        }
    }

    public InMemoryProvisioner() {
        this("memory");
    }

    public InMemoryProvisioner(String cloudId) {
        this.cloudId = cloudId;
    }

    @Override
    public String cloudId() {
        return cloudId;
    }

    /** Creates in this zone, or in any zone of this region, fail with no capacity (zone-scoped, as EC2's do). */
    public synchronized InMemoryProvisioner noCapacityIn(String zoneOrRegion) {
        noCapacity.add(zoneOrRegion);
        return this;
    }

    /** Creates in any zone of this region fail with a quota error, which blocks the whole region. */
    public synchronized InMemoryProvisioner quotaIn(String region) {
        noQuota.add(region);
        return this;
    }

    /** Offers {@link BulkClusterInfo}: one "call" answers for many clusters (counted by {@link #bulkCalls()}). */
    public synchronized InMemoryProvisioner offerBulk() {
        offersBulk = true;
        return this;
    }

    /** Per-cluster {@code clusterInfo} calls so far. */
    public synchronized int clusterInfoCalls() {
        return clusterInfoCalls;
    }

    /** Bulk lookups so far. */
    public synchronized int bulkCalls() {
        return bulkCalls;
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == BulkClusterInfo.class) {
            synchronized (this) {
                if (!offersBulk) {
                    return Optional.empty();
                }
            }
            BulkClusterInfo bulk = (region, refs) -> {
                synchronized (this) {
                    bulkCalls++;
                    Map<String, ClusterInfo> out = new LinkedHashMap<>();
                    refs.forEach(r -> infoOf(r).ifPresent(i -> out.put(r.clusterName(), i)));
                    return out;
                }
            };
            return Optional.of(type.cast(bulk));
        }
        return Provisioner.super.extension(type);
    }

    /** Capacity comes back to the zone or region. */
    public synchronized void capacityBackIn(String zoneOrRegion) {
        noCapacity.remove(zoneOrRegion);
    }

    /** Creates in this zone or region make only {@code k} nodes, then fail (partial success). */
    public synchronized InMemoryProvisioner partialIn(String zoneOrRegion, int k) {
        partial.put(zoneOrRegion, k);
        return this;
    }

    /** The next {@code n} terminate calls fail ("try again later"). */
    public synchronized void failNextTerminates(int n) {
        failingTerminates = n;
    }

    /** Terminate calls succeed but leave the nodes running (a silent failure). */
    public synchronized void silentTerminate(boolean on) {
        silentTerminate = on;
    }

    /** Start calls fail with no capacity (the stopped cluster's zone is full). */
    public synchronized void failStarts(boolean on) {
        failStarts = on;
    }

    /** The cluster's nodes stay out of the next {@code n} listings, query or clusterInfo (eventual consistency). */
    public synchronized void hideFromQueries(String cluster, int n) {
        hiddenQueries.put(cluster, n);
    }

    /** Every create call, as {@code region/zone} (zone {@code *} when none was given), in order. */
    public synchronized List<String> createLog() {
        return List.copyOf(createLog);
    }

    /** Out-of-band drift: every node of the cluster is deleted. */
    public synchronized void vanish(String cluster) {
        clusters.remove(cluster);
    }

    /** Out-of-band drift: one node (the last) is deleted. */
    public synchronized void terminateOneNode(String cluster) {
        List<Node> nodes = clusters.get(cluster);
        nodes.get(nodes.size() - 1).status = InstanceStatus.TERMINATED;
    }

    /** Out-of-band drift: every node is stopped at once. */
    public synchronized void stopOutOfBand(String cluster) {
        clusters.get(cluster).forEach(n -> n.status = InstanceStatus.STOPPED);
    }

    /** Out-of-band drift: the head comes back at a new address. */
    public synchronized void changeHeadAddress(String cluster) {
        clusters.get(cluster).get(0).address = "198.51.100." + nextId++;
    }

    @Override
    public synchronized ClusterInfo create(ProvisionRequest request) {
        createLog.add(request.region() + "/" + (request.zone() == null ? "*" : request.zone()));
        String zone = request.zone() != null ? request.zone() : request.region() == null ? null : request.region() + "a";
        if (noQuota.contains(request.region())) {
            throw new ResourcesUnavailableException("VcpuLimitExceeded: no vCPU quota left in " + request.region(),
                    cloudId, request.region(), request.zone(), BlockScope.REGION, null);
        }
        if (noCapacity.contains(zone) || noCapacity.contains(request.region())) {
            throw new ResourcesUnavailableException("InsufficientInstanceCapacity: no " + request.instanceType()
                    + " in " + zone, cloudId, request.region(), request.zone(), BlockScope.ZONE, null);
        }
        List<Node> nodes = clusters.computeIfAbsent(request.clusterName(), k -> new ArrayList<>());
        for (Node n : nodes) {
            if (n.status == InstanceStatus.STOPPED || n.status == InstanceStatus.STOPPING) {
                n.status = InstanceStatus.PENDING;
            }
        }
        Integer k = partial.getOrDefault(zone, partial.get(request.region()));
        int target = k == null ? request.numNodes() : Math.min(k, request.numNodes());
        while (nodes.size() < target) {
            nodes.add(new Node("i-" + nextId, request.region(), zone, "192.0.2." + nextId++));
        }
        if (k != null && k < request.numNodes()) {
            List<NodeInfo> ok = info(request.ref(), nodes).nodes();
            Map<String, Throwable> failed = new LinkedHashMap<>();
            for (int r = k; r < request.numNodes(); r++) {
                failed.put("rank-" + r, new IllegalStateException("InsufficientInstanceCapacity"));
            }
            throw new PartialProvisionException(request, ok, failed, BlockScope.ZONE);
        }
        return info(request.ref(), nodes);
    }

    @Override
    public synchronized Map<String, InstanceStatus> query(ClusterRef cluster) {
        if (hiddenNow(cluster)) {
            return Map.of();
        }
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
        if (failStarts) {
            throw new ResourcesUnavailableException("InsufficientInstanceCapacity: cannot start in "
                    + cluster.zone(), cloudId, cluster.region(), cluster.zone(), BlockScope.ZONE, null);
        }
        nodes.forEach(n -> n.status = n.status == InstanceStatus.RUNNING ? n.status : InstanceStatus.PENDING);
    }

    /** Terminate calls so far, failed ones included. */
    public synchronized int terminateCalls() {
        return terminateCalls;
    }

    @Override
    public synchronized void terminate(ClusterRef cluster) {
        terminateCalls++;
        if (failingTerminates > 0) {
            failingTerminates--;
            throw ProvisionException.failed(cloudId, "InternalError: try again in 60 s", null);
        }
        if (!silentTerminate) {
            clusters.remove(cluster.clusterName());
        }
    }

    @Override
    public void openPorts(ClusterRef cluster, List<PortRange> ports) {}

    @Override
    public synchronized Optional<ClusterInfo> clusterInfo(ClusterRef cluster) {
        clusterInfoCalls++;
        return infoOf(cluster);
    }

    private Optional<ClusterInfo> infoOf(ClusterRef cluster) {
        if (hiddenNow(cluster)) {
            return Optional.empty();
        }
        List<Node> nodes = clusters.get(cluster.clusterName());
        return nodes == null ? Optional.empty() : Optional.of(info(cluster, nodes));
    }

    /** Whether this listing is one of those the cluster is hidden from; counts it. */
    private boolean hiddenNow(ClusterRef cluster) {
        Integer hidden = hiddenQueries.get(cluster.clusterName());
        if (hidden != null && hidden > 0) {
            hiddenQueries.put(cluster.clusterName(), hidden - 1);
            return true;
        }
        return false;
    }

    /** How many clusters exist: the ground truth for leak checks. */
    public synchronized int clusterCount() {
        return clusters.size();
    }

    /** Nodes not terminated, over every cluster: the leak audit's ground truth. */
    public synchronized int aliveNodes() {
        return (int) clusters.values().stream().flatMap(List::stream).filter(n -> !n.status.isGone()).count();
    }

    /** The names of clusters with nodes. */
    public synchronized Set<String> clusterNames() {
        return Set.copyOf(clusters.keySet());
    }

    @Override
    public synchronized List<TaggedResource> list(Collection<String> regions) {
        List<TaggedResource> out = new ArrayList<>();
        clusters.forEach((name, nodes) -> nodes.stream()
                .filter(n -> regions.isEmpty() || regions.contains(n.region))
                .forEach(n -> out.add(new TaggedResource(cloudId, n.region, "instance", n.id, name,
                        n.status.name().toLowerCase()))));
        return out;
    }

    @Override
    public synchronized void delete(List<TaggedResource> resources) {
        Set<String> ids = new HashSet<>();
        resources.forEach(r -> ids.add(r.id()));
        clusters.values().forEach(nodes -> nodes.removeIf(n -> ids.contains(n.id)));
        clusters.values().removeIf(List::isEmpty);
    }

    private ClusterInfo info(ClusterRef ref, List<Node> nodes) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            out.add(new NodeInfo(i, n.id, "10.0.0." + (i + 1), n.address, 22, "sky", n.hostKey, n.status));
        }
        return new ClusterInfo(ref, cloudId(), out);
    }
}
