package dev.sky.clouds.ssh.provision;

import dev.sky.clouds.ssh.SshCloud;
import dev.sky.clouds.ssh.pools.PoolHost;
import dev.sky.clouds.ssh.probe.HostFacts;
import dev.sky.core.json.Json;
import dev.sky.core.state.SshHostTable;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.runtime.NodeRuntime;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.spi.BlockScope;
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
import dev.sky.provision.spi.UnsupportedVerbException;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.NodeRunner;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.StdinSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Clusters on SSH node pools. "Creating" a cluster leases free hosts of the pool to it (one cluster per host) and
 * authorizes its intra-cluster key there; terminating ends everything the cluster started on each host
 * ({@code sky-rt teardown}), removes the key and releases the hosts. The machines themselves are never started or
 * stopped. Hosts are reached with the user's own identity file and the host key recorded by {@code sky ssh up}.
 */
public final class SshProvisioner implements Provisioner {
    static final String CLOUD = "ssh";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final ProvisionerContext context;
    private StateStore state;

    public SshProvisioner(ProvisionerContext context) {
        this.context = context;
    }

    private synchronized SshHostTable table() {
        if (state == null) {
            state = StateStore.at(context.paths());
        }
        return state.sshHosts();
    }

    /** {@code lab} from the region {@code ssh-lab} (how {@code infra: ssh/lab} is planned). */
    public static String poolOf(String region) {
        if (region == null || region.isBlank()) {
            throw new ProvisionException("An SSH cluster needs a pool: use --infra ssh/<pool>.", CLOUD, null, null,
                    BlockScope.NONE, null);
        }
        return region.startsWith("ssh-") ? region.substring(4) : region;
    }

    @Override
    public String cloudId() {
        return CLOUD;
    }

    @Override
    public ClusterInfo create(ProvisionRequest r) {
        String pool = poolOf(r.region());
        Map<String, SshHostTable.Host> recorded = new LinkedHashMap<>();
        table().hosts(pool).forEach(h -> recorded.put(h.host(), h));
        if (recorded.isEmpty()) {
            throw unavailable(pool, "pool '" + pool + "' has no usable hosts recorded; run `sky ssh up --infra "
                    + pool + "` first");
        }
        List<String> candidates = candidates(recorded.values(), r.instanceType());
        if (candidates.size() < r.numNodes()) {
            throw unavailable(pool, "pool '" + pool + "' has " + candidates.size() + " host(s) of shape "
                    + r.instanceType() + " or larger; " + r.numNodes() + " needed");
        }
        SshHostTable.LeaseResult lease = table().lease(pool, candidates, r.clusterName(), r.numNodes(),
                Instant.now());
        if (!lease.granted()) {
            Map<String, List<String>> byCluster = new LinkedHashMap<>();
            lease.holders().forEach((host, cluster) -> byCluster.computeIfAbsent(cluster, k -> new ArrayList<>())
                    .add(host));
            String held = byCluster.entrySet().stream().map(e -> "cluster " + e.getKey() + " holds "
                    + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
            throw unavailable(pool, "pool '" + pool + "' is busy: " + r.numNodes() + " host(s) needed, "
                    + (candidates.size() - lease.holders().size()) + " free (" + held + ")");
        }
        List<String> failures = HostSessions.each(lease.leases(), l -> {
            PoolHost h = login(recorded.get(l.host()));
            try (NodeRunner n = HostSessions.open(h, recorded.get(l.host()).hostKey(), CONNECT_TIMEOUT, 2)) {
                CapturedOutput err = new CapturedOutput();
                int code = r.clusterPublicKey() == null ? 0
                        : n.run(AuthorizedKeys.add(r.clusterPublicKey()), null, OutputSink.discard(), err);
                return code == 0 ? null : "host " + h.key() + " of pool '" + pool
                        + "': could not authorize the cluster key (exit " + code + "): " + err.text().strip();
            } catch (RuntimeException e) {
                return SshErrors.hostFailure(h, e);
            }
        });
        List<String> problems = failures.stream().filter(f -> f != null).toList();
        if (!problems.isEmpty()) {
            undo(r.clusterName(), lease.leases(), recorded);
            throw unavailable(pool, String.join("; ", problems));
        }
        return info(r.ref(), false).orElseThrow(); // every host has just let sky log in
    }

    /** After a failed create nothing of the cluster runs yet: take its key off the hosts that answer, release all. */
    private void undo(String cluster, List<SshHostTable.Lease> leases, Map<String, SshHostTable.Host> recorded) {
        String keyBlob = clusterKeyBlob(cluster);
        HostSessions.each(leases, l -> {
            SshHostTable.Host rec = recorded.get(l.host());
            try (NodeRunner n = HostSessions.open(login(rec), rec.hostKey(), QUERY_TIMEOUT, 1)) {
                n.run(keyBlob != null ? AuthorizedKeys.remove(keyBlob) : AuthorizedKeys.removeByComment(cluster));
            } catch (RuntimeException e) {
                // A host that does not answer cannot be cleaned; its lease is released with the others.
            }
            return null;
        });
        table().releaseAll(cluster);
    }

    /** Hosts that fit the chosen shape: that exact shape first, then larger ones, each in host order. */
    private static List<String> candidates(Iterable<SshHostTable.Host> hosts, String shape) {
        List<String> exact = new ArrayList<>();
        List<String> larger = new ArrayList<>();
        HostFacts wanted = null;
        for (SshHostTable.Host h : hosts) {
            HostFacts f = HostFacts.fromJson(h.factsJson());
            if (f.shape().equals(shape)) {
                exact.add(h.host());
                wanted = f;
            }
        }
        if (wanted != null) {
            for (SshHostTable.Host h : hosts) {
                HostFacts f = HostFacts.fromJson(h.factsJson());
                if (!f.shape().equals(shape) && f.covers(wanted)) {
                    larger.add(h.host());
                }
            }
        }
        exact.addAll(larger);
        return exact;
    }

    /** Ready as soon as create returns: it has already logged in to every host. */
    @Override
    public void waitFor(ClusterRef cluster, InstanceStatus target, Duration timeout) {
        if (target == InstanceStatus.RUNNING && !table().leases(cluster.clusterName()).isEmpty()) {
            return;
        }
        Provisioner.super.waitFor(cluster, target, timeout);
    }

    /** RUNNING for each held host that lets sky log in; PENDING for one that does not answer (it may come back). */
    @Override
    public Map<String, InstanceStatus> query(ClusterRef cluster) {
        List<SshHostTable.Lease> leases = table().leases(cluster.clusterName());
        if (leases.isEmpty()) {
            return Map.of();
        }
        List<InstanceStatus> states = states(leases, recorded(leases));
        Map<String, InstanceStatus> out = new LinkedHashMap<>();
        for (int i = 0; i < leases.size(); i++) {
            out.put(instanceId(leases.get(i)), states.get(i));
        }
        return out;
    }

    /** Logs in to each held host at once: RUNNING if it lets sky in, PENDING if not (it may come back). */
    private static List<InstanceStatus> states(List<SshHostTable.Lease> leases,
                                               Map<String, SshHostTable.Host> recorded) {
        return HostSessions.each(leases, l -> {
            SshHostTable.Host rec = recorded.get(l.host());
            if (rec == null) {
                return InstanceStatus.PENDING;
            }
            try (NodeRunner n = HostSessions.open(login(rec), rec.hostKey(), QUERY_TIMEOUT, 1)) {
                n.connect();
                return InstanceStatus.RUNNING;
            } catch (RuntimeException e) {
                return InstanceStatus.PENDING;
            }
        });
    }

    @Override
    public void stop(ClusterRef cluster) {
        throw notPoweredBySky("stop a cluster");
    }

    @Override
    public void start(ClusterRef cluster) {
        throw notPoweredBySky("start a cluster");
    }

    /** The capability guard refuses these first; this keeps a direct caller's error the same declared line. */
    private static UnsupportedVerbException notPoweredBySky(String verb) {
        SshCloud cloud = new SshCloud();
        return new UnsupportedVerbException(cloud.id(), cloud.displayName(), verb, CloudFeature.STOP,
                cloud.unsupported().get(CloudFeature.STOP));
    }

    /**
     * On every held host, in parallel: end the cluster's processes and remove its runtime state, remove its key, and
     * release the host. A host that does not answer keeps its lease (its processes may still run), and the call
     * fails naming it, so that {@code sky down} keeps the cluster's record and can be run again.
     */
    @Override
    public void terminate(ClusterRef cluster) {
        String name = cluster.clusterName();
        List<SshHostTable.Lease> leases = table().leases(name);
        if (leases.isEmpty()) {
            return;
        }
        Map<String, SshHostTable.Host> recorded = recorded(leases);
        String keyBlob = clusterKeyBlob(name);
        List<String> failures = HostSessions.each(leases, l -> {
            SshHostTable.Host rec = recorded.get(l.host());
            if (rec == null) {
                return "host " + l.host() + " of pool '" + l.pool() + "' is no longer recorded";
            }
            PoolHost h = login(rec);
            try (NodeRunner n = HostSessions.open(h, rec.hostKey(), CONNECT_TIMEOUT, 2)) {
                String problem = teardown(n, name, l.rank(), keyBlob);
                if (problem != null) {
                    return "host " + h.key() + " of pool '" + l.pool() + "': " + problem;
                }
            } catch (RuntimeException e) {
                return SshErrors.hostFailure(h, e);
            }
            table().release(name, l.pool(), l.host());
            return null;
        });
        List<String> problems = failures.stream().filter(f -> f != null).toList();
        if (!problems.isEmpty()) {
            throw new ProvisionException("Could not release every host of '" + name + "': "
                    + String.join("; ", problems) + ". Those hosts stay held by the cluster; run `sky down " + name
                    + "` again once they answer.", CLOUD, cluster.region(), null, BlockScope.NONE, null);
        }
    }

    private static String teardown(NodeRunner n, String cluster, int rank, String keyBlob) {
        CapturedOutput err = new CapturedOutput();
        String stateDir = "\"$HOME/.sky/clusters/" + cluster + "/node-" + rank + "\"";
        if (n.run("test -d " + stateDir) == 0) {
            int code = n.run(NodeRuntime.installCommand(), StdinSource.of(NodeRuntime.installScript()),
                    OutputSink.discard(), err);
            if (code == 0) {
                code = n.run(new RuntimeCommands(cluster).sky(rank) + " teardown", null, OutputSink.discard(), err);
            }
            if (code != 0) {
                return "teardown failed (exit " + code + "): " + err.text().strip();
            }
        }
        String remove = keyBlob != null ? AuthorizedKeys.remove(keyBlob) : AuthorizedKeys.removeByComment(cluster);
        int code = n.run(remove, null, OutputSink.discard(), err);
        return code == 0 ? null : "could not remove the cluster key from authorized_keys: " + err.text().strip();
    }

    /** Pool hosts have whatever ports their firewall allows; there is nothing for sky to open. */
    @Override
    public void openPorts(ClusterRef cluster, List<PortRange> ports) {
        // Nothing to do: sky does not manage the firewall of machines it does not own.
    }

    /** The held hosts, each with its state as {@link #query} finds it (refresh reads states from here). */
    @Override
    public Optional<ClusterInfo> clusterInfo(ClusterRef cluster) {
        return info(cluster, true);
    }

    private Optional<ClusterInfo> info(ClusterRef cluster, boolean logIn) {
        List<SshHostTable.Lease> leases = table().leases(cluster.clusterName());
        if (leases.isEmpty()) {
            return Optional.empty();
        }
        Map<String, SshHostTable.Host> recorded = recorded(leases);
        List<InstanceStatus> states = logIn ? states(leases, recorded) : null;
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < leases.size(); i++) {
            SshHostTable.Lease l = leases.get(i);
            SshHostTable.Host rec = recorded.get(l.host());
            if (rec == null) {
                throw ProvisionException.failed(CLOUD, "host " + l.host() + " of pool '" + l.pool()
                        + "' is held by '" + cluster.clusterName() + "' but no longer recorded", null);
            }
            PoolHost h = login(rec);
            nodes.add(new NodeInfo(l.rank(), instanceId(l), h.address(), h.address(), h.port(), h.user(),
                    rec.hostKey(), states == null ? InstanceStatus.RUNNING : states.get(i), h.identityFile()));
        }
        return Optional.of(new ClusterInfo(cluster, CLOUD, nodes));
    }

    private Map<String, SshHostTable.Host> recorded(List<SshHostTable.Lease> leases) {
        Map<String, SshHostTable.Host> out = new LinkedHashMap<>();
        for (String pool : leases.stream().map(SshHostTable.Lease::pool).distinct().toList()) {
            table().hosts(pool).forEach(h -> out.put(h.host(), h));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static PoolHost login(SshHostTable.Host rec) {
        Map<String, Object> facts = Json.parseObject(rec.factsJson());
        return PoolHost.fromMap(rec.pool(), rec.host(), (Map<String, Object>) facts.get("login"));
    }

    private static String instanceId(SshHostTable.Lease l) {
        return l.pool() + "/" + l.host();
    }

    /** The key of the cluster's intra-cluster public key, while its key file is still there. */
    private String clusterKeyBlob(String cluster) {
        Path pub = context.paths().keys().resolve("clusters").resolve(cluster).resolve("id.pub");
        try {
            return Files.isRegularFile(pub) ? AuthorizedKeys.blob(Files.readString(pub)) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ResourcesUnavailableException unavailable(String pool, String message) {
        return new ResourcesUnavailableException(message, CLOUD, "ssh-" + pool, null, BlockScope.REGION, null);
    }
}
