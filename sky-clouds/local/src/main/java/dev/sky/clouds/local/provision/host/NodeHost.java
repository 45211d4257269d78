package dev.sky.clouds.local.provision.host;

import dev.sky.clouds.local.provision.LocalClusterSpec;
import dev.sky.clouds.local.provision.LocalLayout;
import dev.sky.clouds.local.provision.LocalNodeSpec;
import dev.sky.clouds.local.provision.NodeProcesses;
import dev.sky.core.TimeScale;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves every node of one local cluster from one JVM: starts each node's SSH server, a reaper for the case the
 * host is killed, and watches for kill-node requests (a marker file per node). On exit (TERM) it ends every node's
 * processes.
 */
public final class NodeHost {
    /** How often kill-node markers are checked: not scaled, since kill-node waits for it. */
    private static final long MARKER_POLL_MS = 100;
    /** The autostop watchdog's granularity for SSH activity. */
    private static final Duration ACTIVITY_PERIOD = Duration.ofSeconds(10);
    /** Between TERM and KILL when ending a node's processes. */
    static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final LocalLayout layout;
    private final String cluster;
    private final Map<String, String> env;
    private final Map<Integer, NodeServer> servers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-host-timer");
        t.setDaemon(true);
        return t;
    });
    private LocalClusterSpec spec;
    private Process reaper;

    public NodeHost(LocalLayout layout, String cluster, Map<String, String> env) {
        this.layout = layout;
        this.cluster = cluster;
        this.env = Map.copyOf(env);
    }

    /** Starts every node that is not killed, the reaper and the watchers, then records the host's pid. */
    public void start() throws IOException {
        spec = LocalClusterSpec.read(layout.specFile(cluster));
        for (LocalNodeSpec n : spec.nodes()) {
            if (!Files.exists(layout.killedMarker(cluster, n.rank()))) {
                NodeServer server = new NodeServer(context(n.rank()), n.address(), n.port(),
                        layout.hostKey(cluster, n.rank()), layout.authorizedKeys(cluster, n.rank()),
                        layout.sshActivity(cluster, n.rank()));
                server.start();
                servers.put(n.rank(), server);
            }
        }
        List<Path> homes = new ArrayList<>();
        spec.nodes().forEach(n -> homes.add(layout.nodeHome(cluster, n.rank())));
        long pid = ProcessHandle.current().pid();
        reaper = Reaper.start(pid, layout.clusterDir(cluster), homes, TimeScale.scale(Duration.ofSeconds(1))
                .toMillis() / 1000.0, TimeScale.scale(KILL_GRACE).toMillis() / 1000.0, path());
        timer.scheduleWithFixedDelay(guarded("kill-node check", this::checkKillMarkers), MARKER_POLL_MS,
                MARKER_POLL_MS, TimeUnit.MILLISECONDS);
        long activityMs = TimeScale.scale(ACTIVITY_PERIOD).toMillis();
        timer.scheduleWithFixedDelay(guarded("activity touch",
                () -> servers.values().forEach(s -> s.activity().touchIfActive())),
                activityMs, activityMs, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "node-host-shutdown"));
        writeAtomically(layout.hostPidFile(cluster), Long.toString(pid));
    }

    /** Ends every node: servers closed first, so that nothing new starts while processes are killed. */
    public void shutdown() {
        timer.shutdownNow();
        servers.values().forEach(NodeServer::stop);
        if (spec == null) {
            return;
        }
        for (LocalNodeSpec n : spec.nodes()) {
            NodeProcesses.killAll(context(n.rank()).marks(), TimeScale.scale(KILL_GRACE));
        }
        if (reaper != null) {
            reaper.destroy();
        }
        try {
            Path pidFile = layout.hostPidFile(cluster);
            if (Files.exists(pidFile) && Files.readString(pidFile).strip()
                    .equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            // The provisioner checks liveness, not just the file.
        }
    }

    private void checkKillMarkers() {
        for (Integer rank : List.copyOf(servers.keySet())) {
            if (Files.exists(layout.killedMarker(cluster, rank))) {
                NodeServer server = servers.remove(rank);
                server.stop();
                NodeProcesses.killAll(context(rank).marks(), Duration.ZERO);
                try {
                    writeAtomically(layout.killedAck(cluster, rank), "killed");
                } catch (IOException e) {
                    System.err.println("cannot acknowledge kill of node " + rank + ": " + e);
                }
                System.err.println("node " + rank + " killed");
            }
        }
    }

    /** A failing run must not cancel the schedule: a scheduled task that throws never runs again. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                System.err.println(what + " failed: " + e);
            }
        };
    }

    private NodeContext context(int rank) {
        return new NodeContext(cluster, rank, layout.nodeHome(cluster, rank), spec.user(), env);
    }

    private String path() {
        return env.getOrDefault("PATH", NodeContext.DEFAULT_PATH);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
