package dev.sky.clouds.local.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Gives each new node an address and port that no other local cluster of this SKY_HOME holds. On Linux every node
 * gets its own loopback address (127.77.x.y) and a cluster's nodes share one port; where loopback aliases do not
 * bind (macOS), every node is on 127.0.0.1 with its own port. The cluster folders are the registry: allocation and
 * the write of the new cluster's spec happen under one lock, across processes (a file lock) and threads.
 */
public final class AddressAllocator {
    /** The first alias tried; 127.0.0.1, 127.0.0.53 and Debian's 127.0.1.1 are left alone. */
    private static final int ALIAS_BASE = (127 << 24) | (77 << 16);
    private static final int ALIAS_COUNT = 1 << 16;
    /** Below Linux's ephemeral range, so that outgoing connections do not take them while a cluster is stopped. */
    private static final int PORT_MIN = 20000;
    private static final int PORT_MAX = 32000;
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static volatile Boolean aliasesWork;

    private final LocalLayout layout;

    public AddressAllocator(LocalLayout layout) {
        this.layout = layout;
    }

    /** Whether distinct loopback addresses bind here (probed once per JVM). */
    public static boolean loopbackAliasesWork() {
        Boolean known = aliasesWork;
        if (known == null) {
            known = canBind(aliasAt(1), 0);
            aliasesWork = known;
        }
        return known;
    }

    /**
     * Picks addresses and ports for {@code numNodes} nodes and hands them to {@code persist} while the lock is held,
     * so that the next allocation sees them.
     */
    public List<LocalNodeSpec> allocate(int numNodes, Consumer<List<LocalNodeSpec>> persist) {
        JVM_LOCK.lock();
        try {
            Files.createDirectories(layout.root());
            try (FileChannel ch = FileChannel.open(layout.allocationLock(), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                List<LocalNodeSpec> nodes = loopbackAliasesWork() ? withAliases(numNodes) : withPorts(numNodes);
                persist.accept(nodes);
                return nodes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate local node addresses under " + layout.root(), e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private List<LocalNodeSpec> withAliases(int numNodes) {
        Set<String> used = new HashSet<>();
        existingNodes().forEach(n -> used.add(n.address()));
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i < ALIAS_COUNT && addresses.size() < numNodes; i++) {
            String a = aliasAt(i);
            if ((i & 0xff) != 0 && (i & 0xff) != 0xff && !used.contains(a)) {
                addresses.add(a);
            }
        }
        if (addresses.size() < numNodes) {
            throw new IllegalStateException("no free loopback address left under 127.77.0.0/16");
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = randomPort();
            if (addresses.stream().allMatch(a -> canBind(a, port))) {
                List<LocalNodeSpec> out = new ArrayList<>();
                for (int r = 0; r < numNodes; r++) {
                    out.add(new LocalNodeSpec(r, addresses.get(r), port));
                }
                return out;
            }
        }
        throw new IllegalStateException("no free port in " + PORT_MIN + "-" + PORT_MAX + " binds on " + addresses);
    }

    private List<LocalNodeSpec> withPorts(int numNodes) {
        Set<Integer> used = new HashSet<>();
        existingNodes().forEach(n -> used.add(n.port()));
        List<LocalNodeSpec> out = new ArrayList<>();
        for (int attempt = 0; attempt < 1000 && out.size() < numNodes; attempt++) {
            int port = randomPort();
            if (used.add(port) && canBind("127.0.0.1", port)) {
                out.add(new LocalNodeSpec(out.size(), "127.0.0.1", port));
            }
        }
        if (out.size() < numNodes) {
            throw new IllegalStateException("no free ports left on 127.0.0.1 in " + PORT_MIN + "-" + PORT_MAX);
        }
        return out;
    }

    private List<LocalNodeSpec> existingNodes() {
        List<LocalNodeSpec> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.root(), Files::isDirectory)) {
            for (Path dir : dirs) {
                Path spec = dir.resolve("cluster.properties");
                if (Files.exists(spec)) {
                    try {
                        out.addAll(LocalClusterSpec.read(spec).nodes());
                    } catch (RuntimeException e) {
                        // A damaged spec holds no address we can honour; terminate of that cluster cleans it up.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.root(), e);
        }
        return out;
    }

    static String aliasAt(int index) {
        int ip = ALIAS_BASE + index;
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    private static int randomPort() {
        return ThreadLocalRandom.current().nextInt(PORT_MIN, PORT_MAX);
    }

    static boolean canBind(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
