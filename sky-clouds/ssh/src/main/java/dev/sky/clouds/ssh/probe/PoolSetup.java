package dev.sky.clouds.ssh.probe;

import dev.sky.clouds.ssh.pools.NodePool;
import dev.sky.clouds.ssh.pools.NodePoolsFile;
import dev.sky.clouds.ssh.pools.PoolHost;
import dev.sky.clouds.ssh.pools.PoolHosts;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.json.Json;
import dev.sky.core.state.SshHostTable;
import dev.sky.core.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code sky ssh up} and {@code sky ssh down}: probes every host of a pool at once and records what answered, or
 * forgets a pool no cluster uses. Planning then reads only these records; it never connects.
 */
public final class PoolSetup {
    /**
     * One host after {@code sky ssh up}.
     *
     * @param host the host
     * @param facts what it reported, or null
     * @param problem why it cannot be used, or null
     * @param note something the user should know that is not a problem (a changed host key was recorded)
     */
    public record HostLine(PoolHost host, HostFacts facts, String problem, String note) {}

    /**
     * One pool after {@code sky ssh up}.
     *
     * @param pool the pool name
     * @param problem why the pool as a whole cannot be used (from the pools file), or null
     * @param hosts each host, in file order
     */
    public record PoolReport(String pool, String problem, List<HostLine> hosts) {
        public boolean ok() {
            return problem == null && hosts.stream().allMatch(h -> h.problem() == null);
        }
    }

    private final SkyPaths paths;
    private final StateStore state;
    private final String currentUser;
    private final HostProbe probe;

    public PoolSetup(SkyPaths paths, StateStore state, String currentUser, HostProbe probe) {
        this.paths = paths;
        this.state = state;
        this.currentUser = currentUser;
        this.probe = probe;
    }

    /** The pools named by {@code --infra} ({@code POOL} or {@code ssh/POOL}), or every pool when it is null. */
    public List<NodePool> select(String infra) {
        List<NodePool> pools;
        try {
            pools = NodePoolsFile.read(paths.sshNodePools(), paths.userHome());
        } catch (NodePoolsFile.UnreadableException e) {
            throw new SkyException(ExitCode.INVALID_INPUT, e.getMessage());
        }
        if (pools.isEmpty()) {
            throw new SkyException(ExitCode.INVALID_INPUT, "No SSH node pools in " + paths.sshNodePools()
                    + "; list your machines there first (see docs/ssh-pools.md).");
        }
        if (infra == null) {
            return pools;
        }
        String name = poolName(infra);
        for (NodePool p : pools) {
            if (p.name().equals(name)) {
                return List.of(p);
            }
        }
        throw new SkyException(ExitCode.INVALID_INPUT, "No pool '" + name + "' in " + paths.sshNodePools()
                + "; pools: " + String.join(", ", pools.stream().map(NodePool::name).toList()) + ".");
    }

    /** {@code lab} from {@code lab}, {@code ssh/lab} or {@code ssh-lab}. */
    public static String poolName(String infra) {
        String s = infra.strip();
        if (s.regionMatches(true, 0, "ssh/", 0, 4)) {
            s = s.substring(4);
        }
        return s;
    }

    /** Probes the pool's hosts in parallel and records those that are usable. */
    public PoolReport up(NodePool pool) {
        if (!pool.usable()) {
            return new PoolReport(pool.name(), pool.problem(), List.of());
        }
        List<PoolHost> hosts = PoolHosts.resolve(pool, paths.userHome(), currentUser);
        List<HostProbe.Result> results = new ArrayList<>(probeAll(hosts));
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).needsBouncyCastle()) {
                again.add(i);
            }
        }
        if (!again.isEmpty()) {
            // Every probe has ended, so sshj's provider can change under no one.
            JdkCrypto.fallBack();
            List<HostProbe.Result> retried = probeAll(again.stream().map(hosts::get).toList());
            for (int i = 0; i < again.size(); i++) {
                results.set(again.get(i), retried.get(i));
            }
        }
        SshHostTable table = state.sshHosts();
        Map<String, String> recordedKeys = new LinkedHashMap<>();
        table.hosts(pool.name()).forEach(h -> recordedKeys.put(h.host(), h.hostKey()));
        List<String> leased = table.leasesInPool(pool.name()).stream().map(SshHostTable.Lease::host).toList();
        List<HostLine> lines = new ArrayList<>();
        List<String> keep = new ArrayList<>();
        Instant now = Instant.now();
        for (HostProbe.Result r : results) {
            String key = r.host().key();
            if (r.ok()) {
                String old = recordedKeys.get(key);
                String note = old != null && !sameKey(old, r.hostKey())
                        ? "its host key changed; the new key is recorded and will be pinned from now on" : null;
                Map<String, Object> facts = new LinkedHashMap<>(r.facts().toMap());
                facts.put("login", r.host().toMap());
                table.record(new SshHostTable.Host(pool.name(), key, Json.write(facts), r.hostKey(), now));
                keep.add(key);
                lines.add(new HostLine(r.host(), r.facts(), null, note));
            } else {
                if (leased.contains(key)) {
                    keep.add(key); // a cluster holds it: keep what sky needs to reach it and tear it down
                }
                lines.add(new HostLine(r.host(), r.facts(), r.problem(), null));
            }
        }
        for (String k : leased) {
            if (!keep.contains(k)) {
                keep.add(k);
            }
        }
        table.forgetHostsExcept(pool.name(), keep);
        return new PoolReport(pool.name(), null, lines);
    }

    /** Probes the hosts in parallel, one thread each (up to 16); results in host order. */
    private List<HostProbe.Result> probeAll(List<PoolHost> hosts) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(16, hosts.size()), r -> {
            Thread t = new Thread(r, "ssh-up");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<HostProbe.Result>> futures = new ArrayList<>();
            for (PoolHost h : hosts) {
                futures.add(CompletableFuture.supplyAsync(() -> probe.probe(h), workers));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            workers.shutdownNow();
        }
    }

    /** Forgets the pool's records; refuses while a cluster holds one of its hosts. */
    public void down(String pool) {
        List<String> users = state.sshHosts().forgetPool(pool);
        if (!users.isEmpty()) {
            throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Pool '" + pool + "' is in use by cluster(s) "
                    + String.join(", ", users) + "; run `sky down " + String.join(" ", users) + "` first.");
        }
    }

    private static boolean sameKey(String a, String b) {
        String[] x = a.trim().split("\\s+");
        String[] y = b == null ? new String[0] : b.trim().split("\\s+");
        return x.length >= 2 && y.length >= 2 && x[0].equals(y[0]) && x[1].equals(y[1]);
    }
}
