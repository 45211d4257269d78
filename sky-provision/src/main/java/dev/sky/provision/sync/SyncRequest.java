package dev.sky.provision.sync;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One local file or folder to mirror onto a node.
 *
 * @param source a local folder (its contents are synced into {@code destination}) or a local file (copied to
 *     {@code destination})
 * @param destination the path on the node: absolute, {@code ~/...}, or relative to the home folder
 * @param key names this sync's manifests on the node and locally; unique per cluster, node and destination (see
 *     {@link #key(String, int, String)})
 * @param ignoreFiles which ignore files apply; null means {@link IgnoreFiles#detect(Path)}
 */
public record SyncRequest(Path source, String destination, String key, IgnoreFiles ignoreFiles) {
    /** Where SkyPilot puts the workdir, and so do we. */
    public static final String WORKDIR_DESTINATION = "~/sky_workdir";

    public SyncRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(key, "key");
        if (!key.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("Sync key must be 1-200 characters of [A-Za-z0-9._-]: " + key);
        }
    }

    /** The workdir of a cluster's node. */
    public static SyncRequest workdir(Path source, String cluster, int rank) {
        return new SyncRequest(source, WORKDIR_DESTINATION, key(cluster, rank, WORKDIR_DESTINATION), null);
    }

    /** A local file mount ({@code destination: source}) of a cluster's node. */
    public static SyncRequest fileMount(Path source, String destination, String cluster, int rank) {
        return new SyncRequest(source, destination, key(cluster, rank, destination), null);
    }

    /**
     * {@code <cluster>.<rank>.<hash of destination>}: two nodes sharing one home folder (NFS, or test hosts) keep
     * separate manifests.
     */
    public static String key(String cluster, int rank, String destination) {
        String safe = cluster.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 120) {
            safe = safe.substring(0, 120);
        }
        return safe + "." + rank + "." + Integer.toHexString(destination.hashCode() & 0x7fffffff);
    }
}
