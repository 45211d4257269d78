package dev.sky.provision.cluster;

import dev.sky.core.SkyPaths;
import dev.sky.provision.access.SshKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The user's sky key (sky → nodes) and each cluster's intra-cluster key (head → workers), under SKY_HOME/keys. */
public final class ClusterKeys {
    private final SkyPaths paths;

    public ClusterKeys(SkyPaths paths) {
        this.paths = paths;
    }

    public SshKeyPair userKey() {
        return SshKeyPair.ensure(paths.keys().resolve("sky-key"), "sky@" + System.getProperty("user.name"));
    }

    public SshKeyPair clusterKey(String cluster) {
        return SshKeyPair.ensure(paths.keys().resolve("clusters").resolve(cluster).resolve("id"),
                "sky-cluster-" + cluster);
    }

    /** Forgets a cluster's key once the cluster is gone. */
    public void removeClusterKey(String cluster) {
        Path dir = paths.keys().resolve("clusters").resolve(cluster);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
