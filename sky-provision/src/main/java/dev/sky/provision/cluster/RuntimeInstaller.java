package dev.sky.provision.cluster;

import dev.sky.core.SkyException;
import dev.sky.core.ExitCode;
import dev.sky.provision.runtime.NodeAddress;
import dev.sky.provision.runtime.NodeRuntime;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.runtime.RuntimeInit;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.StdinSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the node runtime on every node (skipped when that version is there) and records the cluster on each node.
 * The head also gets the intra-cluster private key and the workers' pinned host keys, for head-to-worker SSH.
 */
public final class RuntimeInstaller {
    private RuntimeInstaller() {}

    public static void install(String cluster, ClusterHandle handle, NodeRunnerPool nodes, ClusterKeys keys) {
        String script = NodeRuntime.installScript();
        List<String> failures = new ArrayList<>();
        List<Integer> codes = nodes.onEachNode((rank, r) -> {
            CapturedOutput err = new CapturedOutput();
            int code = r.run(NodeRuntime.installCommand(), StdinSource.of(script), OutputSink.discard(), err);
            if (code != 0) {
                synchronized (failures) {
                    failures.add("node " + rank + ": " + err.text().strip());
                }
            }
            return code;
        });
        if (codes.stream().anyMatch(c -> c != 0)) {
            throw new SkyException(ExitCode.GENERIC, "Installing the sky runtime failed on " + failures);
        }
        String base = ".sky/clusters/" + cluster + "/node-0/";
        String keyPath = null;
        String knownHosts = null;
        if (handle.nodes().size() > 1) {
            try {
                var clusterKey = keys.clusterKey(cluster);
                nodes.head().upload(Files.readAllBytes(clusterKey.privateKey()), base + "intra_key", 0600);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            StringBuilder kh = new StringBuilder();
            for (ClusterHandle.Node n : handle.nodes()) {
                String host = n.port() == 22 ? n.internalIp() : "[" + n.internalIp() + "]:" + n.port();
                kh.append(host).append(' ').append(n.hostKey().trim()).append('\n');
            }
            nodes.head().upload(kh.toString().getBytes(StandardCharsets.UTF_8), base + "known_hosts", 0600);
            // Absolute paths: ssh expands ~ from the passwd entry, not $HOME, and a local node's HOME is its own.
            CapturedOutput home = new CapturedOutput();
            nodes.head().run("printf %s \"$HOME\"", null, home, OutputSink.discard());
            keyPath = home.text() + "/" + base + "intra_key";
            knownHosts = home.text() + "/" + base + "known_hosts";
        }
        List<NodeAddress> addrs = new ArrayList<>();
        for (ClusterHandle.Node n : handle.nodes()) {
            addrs.add(new NodeAddress(n.internalIp(), n.port(), n.user()));
        }
        RuntimeInit init = new RuntimeInit(cluster, 0, handle.cloudDisplay(), handle.region(), handle.zone(),
                handle.cpusPerNode(), handle.acceleratorCount(), addrs, keyPath, knownHosts);
        RuntimeCommands cmds = new RuntimeCommands(cluster);
        List<String> initFailures = new ArrayList<>();
        nodes.onEachNode((rank, r) -> {
            CapturedOutput err = new CapturedOutput();
            // The node's processes do not inherit this process's environment: pass the time scale explicitly.
            String scale = dev.sky.core.TimeScale.factor() == 1.0 ? ""
                    : " --time-scale " + java.math.BigDecimal.valueOf(dev.sky.core.TimeScale.factor()).toPlainString();
            int code = r.run(cmds.init(init.forRank(rank)) + scale, null, OutputSink.discard(), err);
            if (code != 0) {
                synchronized (initFailures) {
                    initFailures.add("node " + rank + ": " + err.text().strip());
                }
            }
            return code;
        });
        if (!initFailures.isEmpty()) {
            throw new SkyException(ExitCode.GENERIC, "Setting up the sky runtime failed on " + initFailures);
        }
    }

    /**
     * After a start or a repair: (re)starts the head's scheduler daemon and autostop watchdog, which a restart of the
     * node, or a kill, ended. Idempotent: a daemon that runs is left alone (the watchdog starts over).
     */
    public static void startDaemons(String cluster, NodeRunnerPool nodes) {
        CapturedOutput err = new CapturedOutput();
        int code = nodes.head().run(new RuntimeCommands(cluster).startDaemons(), null, OutputSink.discard(), err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Restarting the sky runtime's daemons on the head of '" + cluster
                    + "' failed (exit " + code + "): " + err.text().strip());
        }
    }
}
