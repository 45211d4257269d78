package dev.sky.clouds.aws.provision;

import dev.sky.clouds.aws.client.AwsClients;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.spi.ResourcesUnavailableException;
import dev.sky.provision.throttle.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * sky's verbs on EC2. Every instance, volume, security group and key pair carries sky's tags (cluster, rank, user
 * id); the cluster is found again by those tags on every call, never from memory. One RunInstances per rank, each with
 * its own ClientToken and its rank tag, so that a retried or repeated create never doubles a node; all ranks go to
 * the zone of the first.
 */
public final class AwsProvisioner implements Provisioner {
    /** How long a new instance may stay invisible to DescribeInstances (EC2 is eventually consistent). */
    static final Duration VISIBILITY_WINDOW = Duration.ofSeconds(30);
    /** How long terminate waits for the instances to end before it deletes the security group. */
    static final Duration TERMINATE_WAIT = Duration.ofMinutes(5);
    /** How long a terminated instance may still show as running before terminate calls it a failure. */
    static final Duration STILL_RUNNING_GRACE = Duration.ofSeconds(30);

    private final ProvisionerContext ctx;
    private final String userId;
    private final Function<String, Ec2Calls> callsFactory;
    private final Map<String, Ec2Calls> calls = new ConcurrentHashMap<>();
    private final Pacer pacer;
    private final LaunchTokens tokens;
    private final Ec2InstanceToNodeInfo toNode;
    /** Node counts of the creates this object sent, for waits that run before EC2 shows the new instances. */
    private final Map<String, Integer> justCreated = new ConcurrentHashMap<>();

    AwsProvisioner(ProvisionerContext ctx, Pacer pacer, Function<String, Ec2Calls> callsFactory) {
        this.ctx = ctx;
        this.userId = SkyUserId.of(ctx.paths().home());
        this.pacer = pacer;
        this.callsFactory = callsFactory;
        this.tokens = new LaunchTokens(ctx.paths().home());
        this.toNode = new Ec2InstanceToNodeInfo(ctx.env().get("SKY_AWS_SSH_USER"));
    }

    public static AwsProvisioner create(ProvisionerContext ctx) {
        AwsApiRate rate = AwsApiRate.from(ctx.paths());
        return new AwsProvisioner(ctx, Pacer.SYSTEM, region -> new Ec2Calls(region,
                AwsClients.ec2(ctx.env(), ctx.paths().userHome(), region),
                Ec2Calls.sharedLimiter(ctx.paths(), region, rate), Pacer.SYSTEM));
    }

    @Override
    public String cloudId() {
        return "aws";
    }

    String userId() {
        return userId;
    }

    Ec2Calls calls(String region) {
        String r = region != null ? region : AwsClients.defaultRegion(ctx.env());
        return calls.computeIfAbsent(r, callsFactory);
    }

    @Override
    public ClusterInfo create(ProvisionRequest r) {
        Ec2Calls c = calls(r.region());
        ClusterRef ref = r.ref();
        String keyName = SkyKeyPair.ensure(c, userId, r.skyPublicKey());
        ClusterSecurityGroup group = new ClusterSecurityGroup(c, userId, r.clusterName());
        String groupId = group.ensure(r.ports(), InstanceLauncher.userLabels(r.labels()));
        List<Instance> live = ClusterInstances.describe(c, userId, r.clusterName()).liveByRank();
        startStopped(c, r.clusterName(), live);
        Map<Integer, Instance> byRank = new LinkedHashMap<>();
        String zone = r.zone();
        for (Instance i : live) {
            byRank.put(Ec2InstanceToNodeInfo.rank(i), i);
            if (i.placement() != null && i.placement().availabilityZone() != null) {
                zone = i.placement().availabilityZone(); // a repaired cluster stays in its zone
            }
        }
        String image = null;
        List<Instance> made = new ArrayList<>();
        justCreated.put(r.clusterName(), r.numNodes());
        for (int rank = 0; rank < r.numNodes(); rank++) {
            if (byRank.containsKey(rank)) {
                continue;
            }
            if (image == null) {
                image = new AwsImages(ctx.paths()).imageId(r.imageId(), c.region, r.instanceType());
            }
            try {
                Instance i = new InstanceLauncher(c, userId, tokens).launch(r, rank, zone, image, groupId, keyName,
                        r.autostopDown());
                made.add(i);
                byRank.put(rank, i);
                if (zone == null && i.placement() != null) {
                    zone = i.placement().availabilityZone();
                }
            } catch (ResourcesUnavailableException e) {
                cleanUpAfterFailedCreate(c, r.clusterName(), made, live.size());
                throw e;
            }
        }
        if (r.numNodes() > 1) {
            group.allowNodes(groupId, byRank.values().stream().map(Instance::privateIpAddress).toList());
        }
        List<NodeInfo> nodes = new ArrayList<>();
        for (int rank = 0; rank < r.numNodes(); rank++) {
            NodeInfo n = toNode.apply(byRank.get(rank));
            nodes.add(new NodeInfo(rank, n.instanceId(), n.internalIp(), n.externalAddress(), n.sshPort(), n.sshUser(),
                    null, n.status()));
        }
        return new ClusterInfo(ref, cloudId(), nodes);
    }

    /**
     * A rank could not be created: the ranks this call made are terminated so that nothing is left running that the
     * failover loop does not know about. Nodes that existed before (a repair) are left for the caller.
     */
    private void cleanUpAfterFailedCreate(Ec2Calls c, String cluster, List<Instance> made, int existedBefore) {
        List<String> ids = new ArrayList<>(made.stream().map(Instance::instanceId).toList());
        if (existedBefore == 0) {
            // Also what a create that failed half-way left (EC2 may have made instances before it said no).
            ClusterInstances.describe(c, userId, cluster).allLive().forEach(i -> {
                if (!ids.contains(i.instanceId())) {
                    ids.add(i.instanceId());
                }
            });
        }
        if (!ids.isEmpty()) {
            c.call("TerminateInstances", null, () -> c.ec2.terminateInstances(
                    TerminateInstancesRequest.builder().instanceIds(ids).build()));
        }
    }

    private void startStopped(Ec2Calls c, String cluster, List<Instance> live) {
        if (live.stream().anyMatch(i -> ClusterInstances.in(i, InstanceStateName.STOPPING))) {
            awaitNone(c, cluster, InstanceStateName.STOPPING);
            live = ClusterInstances.describe(c, userId, cluster).liveByRank();
        }
        List<String> stopped = live.stream().filter(i -> ClusterInstances.in(i, InstanceStateName.STOPPED))
                .map(Instance::instanceId).toList();
        if (!stopped.isEmpty()) {
            c.call("StartInstances", null, () -> c.ec2.startInstances(
                    StartInstancesRequest.builder().instanceIds(stopped).build()));
        }
    }

    @Override
    public void waitFor(ClusterRef cluster, InstanceStatus state, Duration timeout) {
        new AwsStatusWaiter(this, pacer).await(cluster, state, timeout, justCreated.getOrDefault(
                cluster.clusterName(), 0), VISIBILITY_WINDOW);
    }

    @Override
    public Map<String, InstanceStatus> query(ClusterRef cluster) {
        Map<String, InstanceStatus> out = new LinkedHashMap<>();
        for (Instance i : ClusterInstances.describe(calls(cluster.region()), userId, cluster.clusterName())
                .newestPerRank()) {
            out.put(i.instanceId(), Ec2InstanceToNodeInfo.status(i.state() == null ? null : i.state().name()));
        }
        return out;
    }

    @Override
    public void stop(ClusterRef cluster) {
        Ec2Calls c = calls(cluster.region());
        List<String> ids = ClusterInstances.describe(c, userId, cluster.clusterName()).liveByRank().stream()
                .filter(i -> ClusterInstances.in(i, InstanceStateName.PENDING, InstanceStateName.RUNNING))
                .map(Instance::instanceId).toList();
        if (!ids.isEmpty()) {
            c.call("StopInstances", cluster.zone(), () -> c.ec2.stopInstances(
                    StopInstancesRequest.builder().instanceIds(ids).build()));
        }
    }

    @Override
    public void start(ClusterRef cluster) {
        Ec2Calls c = calls(cluster.region());
        List<Instance> live = ClusterInstances.describe(c, userId, cluster.clusterName()).liveByRank();
        if (live.isEmpty()) {
            throw ProvisionException.notFound(cloudId(), cluster.clusterName());
        }
        startStopped(c, cluster.clusterName(), live);
    }

    @Override
    public void terminate(ClusterRef cluster) {
        Ec2Calls c = calls(cluster.region());
        List<String> ids = ClusterInstances.describe(c, userId, cluster.clusterName()).allLive().stream()
                .map(Instance::instanceId).toList();
        if (!ids.isEmpty()) {
            c.call("TerminateInstances", cluster.zone(), () -> c.ec2.terminateInstances(
                    TerminateInstancesRequest.builder().instanceIds(ids).build()));
        }
        ClusterSecurityGroup group = new ClusterSecurityGroup(c, userId, cluster.clusterName());
        if (!group.delete()) {
            // EC2 keeps the group while instances that use it are shutting down.
            awaitNone(c, cluster.clusterName(), InstanceStateName.PENDING, InstanceStateName.RUNNING,
                    InstanceStateName.STOPPING, InstanceStateName.STOPPED, InstanceStateName.SHUTTING_DOWN);
            if (!group.delete()) {
                throw ProvisionException.failed(cloudId(), "the security group " + group.name() + " of cluster "
                        + cluster.clusterName() + " is still in use after its instances ended; run `sky gc --infra "
                        + "aws` later to delete it", null);
            }
        }
        justCreated.remove(cluster.clusterName());
        tokens.forget(cluster.clusterName());
    }

    @Override
    public void openPorts(ClusterRef cluster, List<PortRange> ports) {
        new ClusterSecurityGroup(calls(cluster.region()), userId, cluster.clusterName()).open(ports);
    }

    @Override
    public void closePorts(ClusterRef cluster, List<PortRange> ports) {
        new ClusterSecurityGroup(calls(cluster.region()), userId, cluster.clusterName()).close(ports);
    }

    @Override
    public Optional<ClusterInfo> clusterInfo(ClusterRef cluster) {
        return infoOf(cluster, ClusterInstances.describe(calls(cluster.region()), userId, cluster.clusterName()));
    }

    /** The nodes of {@code cluster} among its instances: the newest per rank, ranks contiguous from 0. */
    Optional<ClusterInfo> infoOf(ClusterRef cluster, ClusterInstances instances) {
        List<Instance> newest = instances.newestPerRank();
        List<NodeInfo> nodes = new ArrayList<>();
        for (Instance i : newest) {
            if (Ec2InstanceToNodeInfo.rank(i) != nodes.size()) {
                break; // ranks are contiguous from 0; a gap (a rank not visible yet) ends the list
            }
            nodes.add(toNode.apply(i));
        }
        return nodes.isEmpty() ? Optional.empty() : Optional.of(new ClusterInfo(cluster, cloudId(), nodes));
    }

    @Override
    public Optional<String> selfShutdownCommand(ClusterRef cluster, boolean down) {
        return Optional.of(new AwsSelfShutdown(this).command(cluster, down));
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        if (type == dev.sky.provision.spi.TaggedResources.class) {
            return Optional.of(type.cast(new AwsTaggedResources(this, ctx.paths())));
        }
        if (type == dev.sky.provision.spi.BulkClusterInfo.class) {
            return Optional.of(type.cast(new AwsBulkClusterInfo(this)));
        }
        return Provisioner.super.extension(type);
    }

    private void awaitNone(Ec2Calls c, String cluster, InstanceStateName... states) {
        long start = pacer.nanoTime();
        long deadline = start + dev.sky.core.TimeScale.scale(TERMINATE_WAIT).toNanos();
        long stillRunningBy = start + dev.sky.core.TimeScale.scale(STILL_RUNNING_GRACE).toNanos();
        while (true) {
            List<Instance> left = ClusterInstances.describe(c, userId, cluster).all().stream()
                    .filter(i -> ClusterInstances.in(i, states)).toList();
            if (left.isEmpty()) {
                return;
            }
            List<String> running = left.stream().filter(i -> ClusterInstances.in(i, InstanceStateName.PENDING,
                    InstanceStateName.RUNNING, InstanceStateName.STOPPED)).map(Instance::instanceId).toList();
            if (!running.isEmpty() && pacer.nanoTime() - stillRunningBy > 0) {
                // A terminate that "succeeded" but did not take: waiting the full 5 minutes would not help.
                throw ProvisionException.failed(cloudId(), "TerminateInstances answered, but " + running
                        + " of cluster " + cluster + " did not start shutting down", null);
            }
            if (pacer.nanoTime() - deadline > 0) {
                throw ProvisionException.failed(cloudId(), "cluster " + cluster + ": instances still " +
                        java.util.Arrays.toString(states) + " after " + TERMINATE_WAIT.toMinutes() + " min", null);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    void sleep(Duration d) {
        try {
            pacer.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProvisionException.failed(cloudId(), "interrupted", e);
        }
    }
}
