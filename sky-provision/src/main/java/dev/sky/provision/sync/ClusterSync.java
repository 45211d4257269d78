package dev.sky.provision.sync;

import dev.sky.provision.ssh.NodeRunnerPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Syncs a task's workdir and local file mounts to every node of a cluster, all nodes at once, each over its own
 * connection. Sources on one node go one after another (each is already one stream).
 */
public final class ClusterSync {
    private final NodeRunnerPool nodes;
    private final LocalManifestStore store;
    private final String cluster;

    public ClusterSync(NodeRunnerPool nodes, LocalManifestStore store, String cluster) {
        this.nodes = nodes;
        this.store = store;
        this.cluster = cluster;
    }

    /**
     * One local source and where it goes on the node.
     *
     * @param local an absolute local file or folder (the caller has expanded {@code ~} and relative paths)
     * @param destination the node path: absolute, {@code ~/...}, or relative to the home folder
     */
    public record Source(Path local, String destination) {
        public Source {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(destination, "destination");
        }

        public static Source workdir(Path local) {
            return new Source(local, SyncRequest.WORKDIR_DESTINATION);
        }
    }

    /**
     * Syncs every source to every node and returns the totals over all nodes.
     *
     * @param listener called from several threads at once (one per node); must be thread-safe
     */
    public SyncStats syncAll(List<Source> sources, SyncListener listener) {
        List<SyncStats> perNode = nodes.onEachNode((rank, runner) -> {
            TreeSync sync = new TreeSync(runner, store);
            List<SyncStats> done = new ArrayList<>();
            for (Source s : sources) {
                done.add(sync.sync(new SyncRequest(s.local(), s.destination(),
                        SyncRequest.key(cluster, rank, s.destination()), null), listener));
            }
            return sum(done);
        });
        return sum(perNode);
    }

    static SyncStats sum(List<SyncStats> all) {
        int scanned = 0;
        int files = 0;
        long bytes = 0;
        long archive = 0;
        int removed = 0;
        for (SyncStats s : all) {
            scanned += s.pathsScanned();
            files += s.filesSent();
            bytes += s.bytesSent();
            archive += s.archiveBytes();
            removed += s.pathsRemoved();
        }
        return new SyncStats(scanned, files, bytes, archive, removed);
    }
}
