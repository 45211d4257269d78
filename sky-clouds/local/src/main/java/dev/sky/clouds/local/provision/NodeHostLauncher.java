package dev.sky.clouds.local.provision;

import dev.sky.clouds.local.provision.host.Reaper;
import dev.sky.provision.spi.ProvisionException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts, finds and ends the detached JVM that serves a cluster's nodes ({@link NodeHostMain}). The JVM runs on the
 * same class path as this one, in its own session (setsid where it exists), logging to {@code host.log}, with a
 * small heap and a clean environment.
 */
final class NodeHostLauncher {
    static final String CLOUD = "local";
    /** JVM flags that keep a host small (about 70 MB resident for two nodes) and quick to start. */
    private static final List<String> JVM_FLAGS = List.of("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-UsePerfData",
            "-Xss512k", "-Dslf4j.internal.verbosity=ERROR");
    /** What the host passes on to the node processes; the rest of this environment stays here. */
    private static final List<String> HOST_ENV = List.of("PATH", "LANG", "HOME", "USER", "LOGNAME", "TZ",
            "JAVA_HOME", "SKY_TIME_SCALE", "SKY_FAULT");

    private final LocalLayout layout;
    private final Map<String, String> env;

    NodeHostLauncher(LocalLayout layout, Map<String, String> env) {
        this.layout = layout;
        this.env = env;
    }

    /** The cluster's live node host, if any: the recorded pid, alive, and started with this cluster's arg file. */
    Optional<ProcessHandle> liveHost(String cluster) {
        Path pidFile = layout.hostPidFile(cluster);
        long pid;
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isOurs(h, cluster));
    }

    private boolean isOurs(ProcessHandle h, String cluster) {
        Optional<String> cmd = h.info().commandLine();
        return cmd.isEmpty() || cmd.get().contains(layout.hostArgs(cluster).toString());
    }

    /** Starts the host; the caller waits for the ports with {@link #awaitServing}. */
    Process launch(String cluster) {
        try {
            Files.deleteIfExists(layout.hostPidFile(cluster));
            List<String> args = new ArrayList<>(JVM_FLAGS);
            args.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeHostMain.class.getName(),
                    layout.root().toString(), cluster));
            List<String> quoted = args.stream().map(NodeHostLauncher::quote).toList();
            Files.write(layout.hostArgs(cluster), quoted, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>();
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            String setsid = Reaper.findSetsid(path);
            if (setsid != null) {
                cmd.add(setsid);
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("@" + layout.hostArgs(cluster));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(layout.clusterDir(cluster).toFile());
            pb.environment().clear();
            for (String name : HOST_ENV) {
                String v = env.get(name);
                if (v != null) {
                    pb.environment().put(name, v);
                }
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.hostLog(cluster).toFile()));
            pb.redirectErrorStream(true);
            return pb.start();
        } catch (IOException e) {
            throw ProvisionException.failed(CLOUD, "cannot start the node host of cluster " + cluster + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Waits until every node in {@code ranks} accepts connections.
     *
     * @throws ProvisionException the host died (with the end of its log) or the wait timed out
     */
    void awaitServing(String cluster, Process launched, LocalClusterSpec spec, List<Integer> ranks,
                      Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> waiting = new ArrayList<>(ranks);
        boolean sawHost = false;
        while (true) {
            waiting.removeIf(r -> isServing(spec.nodes().get(r)));
            boolean hostUp = liveHost(cluster).isPresent();
            if (waiting.isEmpty() && hostUp) {
                return;
            }
            sawHost |= hostUp;
            // setsid may fork and exit 0 at once; any other exit of the launched process is the host failing.
            boolean launchFailed = !launched.isAlive() && launched.exitValue() != 0;
            if ((sawHost && !hostUp) || launchFailed) {
                throw ProvisionException.failed(CLOUD, "the node host of cluster " + cluster + " exited while "
                        + "starting:\n" + logTail(cluster), null);
            }
            if (System.nanoTime() > deadline) {
                throw ProvisionException.failed(CLOUD, "nodes " + waiting + " of cluster " + cluster
                        + " did not accept SSH connections within " + timeout.toSeconds() + " s; host log:\n"
                        + logTail(cluster), null);
            }
            sleep(50);
        }
    }

    /** TERM to the host (it ends its nodes' processes), then KILL if it lingers. */
    void stopHost(String cluster, Duration grace) {
        liveHost(cluster).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // Reported by the caller's sweep if anything is left.
                }
            }
        });
    }

    /** Ends the cluster's reapers, so that a sweep of an old host never hits a new one's processes. */
    void killReapers(String cluster) {
        String mark = Reaper.REAPER_VAR + "=" + layout.clusterDir(cluster);
        for (int round = 0; round < 20; round++) {
            List<Long> pids = NodeProcesses.findByEnv(List.of(mark));
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            sleep(20);
        }
    }

    static boolean isServing(LocalNodeSpec node) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(node.address(), node.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail(String cluster) {
        try {
            Path log = layout.hostLog(cluster);
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Quotes one argument for a JVM @argfile. */
    static String quote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProvisionException.failed(CLOUD, "interrupted", e);
        }
    }
}
