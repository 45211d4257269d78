package dev.sky.clouds.local.provision;

import dev.sky.core.SkyException;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local cloud: each node is an SSH server on a loopback address of this machine, with its home under
 * {@code SKY_HOME/local/<cluster>/node-<rank>}, served by one detached host JVM per cluster. Every answer is read
 * from the live state (host process, node ports, marker files); nothing is cached here.
 */
public final class LocalProvisioner implements Provisioner, LocalNodeControl {
    static final String CLOUD = "local";
    private static final String RUNNING = "running";
    private static final String STOPPED = "stopped";
    /** A JVM start on a busy two-core machine; bounds polling, not speed. */
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final LocalLayout layout;
    private final NodeHostLauncher launcher;
    private final Duration killGrace;

    public LocalProvisioner(ProvisionerContext context) {
        this.layout = new LocalLayout(context.paths().localNodes());
        this.launcher = new NodeHostLauncher(layout, context.env());
        this.killGrace = scaled(context.env(), Duration.ofSeconds(5));
    }

    @Override
    public String cloudId() {
        return CLOUD;
    }

    @Override
    public ClusterInfo create(ProvisionRequest request) {
        String cluster = request.clusterName();
        if (!LocalLayout.isValidClusterName(cluster)) {
            throw SkyException.invalidInput("invalid cluster name '" + cluster + "': use letters, digits, '-', '_'"
                    + " and '.', starting with a letter and ending with a letter or digit (at most 64)");
        }
        List<String> keys = List.of(request.skyPublicKey(),
                request.clusterPublicKey() == null ? "" : request.clusterPublicKey());
        if (Files.exists(layout.specFile(cluster))) {
            LocalClusterSpec spec = LocalClusterSpec.read(layout.specFile(cluster));
            if (spec.nodes().size() != request.numNodes()) {
                throw new ProvisionException("cluster " + cluster + " already exists with " + spec.nodes().size()
                        + " node(s), not " + request.numNodes() + "; tear it down first", CLOUD, null, null,
                        BlockScope.NONE, null);
            }
            spec.nodes().forEach(n -> NodeKeys.writeAuthorizedKeys(layout.authorizedKeys(cluster, n.rank()), keys));
            start(request.ref());
            return clusterInfo(request.ref()).orElseThrow();
        }
        new AddressAllocator(layout).allocate(request.numNodes(), nodes -> {
            LocalClusterSpec spec = new LocalClusterSpec(cluster, System.getProperty("user.name"), nodes);
            try {
                privateDir(layout.clusterDir(cluster));
                for (LocalNodeSpec n : nodes) {
                    privateDir(layout.nodeHome(cluster, n.rank()));
                    NodeKeys.ensureHostKey(layout.hostKey(cluster, n.rank()), layout.hostPublicKey(cluster, n.rank()));
                    NodeKeys.writeAuthorizedKeys(layout.authorizedKeys(cluster, n.rank()), keys);
                }
                writeDesiredState(cluster, RUNNING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folders of cluster " + cluster, e);
            }
            spec.write(layout.specFile(cluster));
        });
        bringUp(cluster);
        return clusterInfo(request.ref()).orElseThrow();
    }

    @Override
    public Map<String, InstanceStatus> query(ClusterRef ref) {
        Optional<LocalClusterSpec> spec = spec(ref.clusterName());
        if (spec.isEmpty()) {
            return Map.of();
        }
        boolean hostAlive = launcher.liveHost(ref.clusterName()).isPresent();
        boolean stopped = STOPPED.equals(desiredState(ref.clusterName()));
        Map<String, InstanceStatus> out = new LinkedHashMap<>();
        for (LocalNodeSpec n : spec.get().nodes()) {
            out.put(instanceId(ref.clusterName(), n.rank()), status(ref.clusterName(), n, hostAlive, stopped));
        }
        return out;
    }

    private InstanceStatus status(String cluster, LocalNodeSpec node, boolean hostAlive, boolean stopped) {
        if (Files.exists(layout.killedMarker(cluster, node.rank()))) {
            return InstanceStatus.TERMINATED; // preempted by kill-node
        }
        if (hostAlive) {
            return NodeHostLauncher.isServing(node) ? InstanceStatus.RUNNING : InstanceStatus.PENDING;
        }
        // A host that died without being stopped was preempted (kill -9): its nodes are gone.
        return stopped ? InstanceStatus.STOPPED : InstanceStatus.TERMINATED;
    }

    @Override
    public void stop(ClusterRef ref) {
        String cluster = ref.clusterName();
        if (spec(cluster).isEmpty()) {
            return;
        }
        writeDesiredState(cluster, STOPPED);
        endEverything(cluster);
    }

    @Override
    public void start(ClusterRef ref) {
        String cluster = ref.clusterName();
        LocalClusterSpec spec = spec(cluster).orElseThrow(() -> ProvisionException.notFound(CLOUD, cluster));
        boolean healthy = launcher.liveHost(cluster).isPresent() && spec.nodes().stream().allMatch(
                n -> !Files.exists(layout.killedMarker(cluster, n.rank())) && NodeHostLauncher.isServing(n));
        writeDesiredState(cluster, RUNNING);
        if (healthy) {
            return;
        }
        endEverything(cluster);
        try {
            for (LocalNodeSpec n : spec.nodes()) {
                Files.deleteIfExists(layout.killedMarker(cluster, n.rank()));
                Files.deleteIfExists(layout.killedAck(cluster, n.rank()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the kill markers of cluster " + cluster, e);
        }
        bringUp(cluster);
    }

    @Override
    public void terminate(ClusterRef ref) {
        String cluster = ref.clusterName();
        if (!LocalLayout.isValidClusterName(cluster) || !Files.isDirectory(layout.clusterDir(cluster))) {
            return;
        }
        writeDesiredState(cluster, STOPPED);
        endEverything(cluster);
        Folders.deleteTree(layout.clusterDir(cluster));
    }

    /** Loopback ports need no opening: a process on a node binds them directly. */
    @Override
    public void openPorts(ClusterRef ref, List<PortRange> ports) {}

    @Override
    public Optional<ClusterInfo> clusterInfo(ClusterRef ref) {
        Optional<LocalClusterSpec> spec = spec(ref.clusterName());
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        Map<String, InstanceStatus> statuses = query(ref);
        List<NodeInfo> nodes = new ArrayList<>();
        for (LocalNodeSpec n : spec.get().nodes()) {
            String id = instanceId(ref.clusterName(), n.rank());
            nodes.add(new NodeInfo(n.rank(), id, n.address(), n.address(), n.port(), spec.get().user(),
                    readHostPublicKey(layout.hostPublicKey(ref.clusterName(), n.rank())),
                    statuses.getOrDefault(id, InstanceStatus.TERMINATED)));
        }
        return Optional.of(new ClusterInfo(ref, CLOUD, nodes));
    }

    @Override
    public String nodePath(String destination) {
        return LocalNodePaths.nodePath(destination);
    }

    @Override
    public void killNode(String cluster, int rank) {
        LocalClusterSpec spec = spec(cluster).orElseThrow(() -> ProvisionException.notFound(CLOUD, cluster));
        if (rank < 0 || rank >= spec.nodes().size()) {
            throw new ProvisionException("cluster " + cluster + " has no node " + rank + " (ranks 0-"
                    + (spec.nodes().size() - 1) + ")", CLOUD, null, null, BlockScope.NONE,
                    null);
        }
        try {
            Files.deleteIfExists(layout.killedAck(cluster, rank));
            Files.writeString(layout.killedMarker(cluster, rank), "killed\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark node " + rank + " of " + cluster + " killed", e);
        }
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        // The host closes the node's server first, so that nothing new starts while its processes die.
        while (launcher.liveHost(cluster).isPresent() && !Files.exists(layout.killedAck(cluster, rank))
                && System.nanoTime() < deadline) {
            pause();
        }
        NodeProcesses.Marks marks = marks(spec, rank);
        boolean clean = NodeProcesses.killAll(marks, Duration.ZERO);
        LocalNodeSpec node = spec.nodes().get(rank);
        while (NodeHostLauncher.isServing(node) && System.nanoTime() < deadline) {
            pause();
        }
        if (!clean || NodeHostLauncher.isServing(node)) {
            throw ProvisionException.failed(CLOUD, "node " + rank + " of cluster " + cluster + " did not die within "
                    + KILL_TIMEOUT.toSeconds() + " s", null);
        }
    }

    @Override
    public Path nodeHome(String cluster, int rank) {
        return layout.nodeHome(cluster, rank);
    }

    /** Starts the host and waits for every node that is not killed to accept connections. */
    private void bringUp(String cluster) {
        LocalClusterSpec spec = LocalClusterSpec.read(layout.specFile(cluster));
        List<Integer> ranks = new ArrayList<>();
        spec.nodes().forEach(n -> ranks.add(n.rank()));
        Process launched = launcher.launch(cluster);
        try {
            launcher.awaitServing(cluster, launched, spec, ranks, SERVE_TIMEOUT);
        } catch (RuntimeException e) {
            endEverything(cluster);
            throw e;
        }
    }

    /** Ends the host, its reaper and every process of every node; leaves the folders. */
    private void endEverything(String cluster) {
        launcher.stopHost(cluster, STOP_GRACE);
        launcher.killReapers(cluster);
        Optional<LocalClusterSpec> spec = spec(cluster);
        List<Integer> survivors = new ArrayList<>();
        spec.ifPresent(s -> s.nodes().forEach(n -> {
            if (!NodeProcesses.killAll(marks(s, n.rank()), killGrace)) {
                survivors.add(n.rank());
            }
        }));
        if (!survivors.isEmpty()) {
            throw ProvisionException.failed(CLOUD, "processes of nodes " + survivors + " of cluster " + cluster
                    + " would not die", null);
        }
    }

    private NodeProcesses.Marks marks(LocalClusterSpec spec, int rank) {
        return new NodeProcesses.Marks(spec.nodeId(rank), layout.nodeHome(spec.cluster(), rank).toString());
    }

    private Optional<LocalClusterSpec> spec(String cluster) {
        if (!LocalLayout.isValidClusterName(cluster) || !Files.exists(layout.specFile(cluster))) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalClusterSpec.read(layout.specFile(cluster)));
        } catch (UncheckedIOException e) {
            return Optional.empty(); // removed while reading: terminated
        }
    }

    static String instanceId(String cluster, int rank) {
        return cluster + "-node-" + rank;
    }

    /** Read here rather than in {@link NodeKeys}, so that status queries load no SSH library. */
    private static String readHostPublicKey(Path publicKey) {
        try {
            return Files.exists(publicKey) ? Files.readString(publicKey, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String desiredState(String cluster) {
        try {
            return Files.readString(layout.desiredStateFile(cluster), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return RUNNING;
        }
    }

    private void writeDesiredState(String cluster, String state) {
        try {
            Files.writeString(layout.desiredStateFile(cluster), state + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the state of cluster " + cluster, e);
        }
    }

    private static void privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static Duration scaled(Map<String, String> env, Duration d) {
        double factor = 1.0;
        try {
            String raw = env.get("SKY_TIME_SCALE");
            if (raw != null && !raw.isBlank()) {
                double v = Double.parseDouble(raw.strip());
                factor = v > 0 && v <= 1000 ? v : 1.0;
            }
        } catch (NumberFormatException e) {
            factor = 1.0;
        }
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * factor)));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProvisionException.failed(CLOUD, "interrupted", e);
        }
    }
}
