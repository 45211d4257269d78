package dev.sky.clouds.local.provision;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A local cluster as created: its name, the OS user its nodes log in as, and each node's address and port. Stored in
 * {@code cluster.properties} in the cluster folder.
 *
 * @param cluster the cluster name
 * @param user the SSH user (the OS user running sky)
 * @param nodes the nodes in rank order
 */
public record LocalClusterSpec(String cluster, String user, List<LocalNodeSpec> nodes) {
    public LocalClusterSpec {
        nodes = List.copyOf(nodes);
    }

    public static LocalClusterSpec read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int count = Integer.parseInt(p.getProperty("nodes"));
        List<LocalNodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new LocalNodeSpec(i, p.getProperty("node." + i + ".address"),
                    Integer.parseInt(p.getProperty("node." + i + ".port"))));
        }
        return new LocalClusterSpec(p.getProperty("cluster"), p.getProperty("user"), nodes);
    }

    /** Writes atomically, so that a reader never sees half a file. */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("cluster", cluster);
        p.setProperty("user", user);
        p.setProperty("nodes", Integer.toString(nodes.size()));
        for (LocalNodeSpec n : nodes) {
            p.setProperty("node." + n.rank() + ".address", n.address());
            p.setProperty("node." + n.rank() + ".port", Integer.toString(n.port()));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "sky local cluster; written at create");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The value of {@code SKY_NODE_ID} for a node: {@code <cluster>/<rank>}. */
    public String nodeId(int rank) {
        return cluster + "/" + rank;
    }
}
