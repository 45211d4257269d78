package dev.sky.core.state;

import dev.sky.core.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code storage} table (schema migration 4): one row per bucket sky knows. A bucket sky creates gets its row
 * (status INIT) BEFORE the create call, so a crash never leaks one; the row goes only after the store confirmed
 * the delete. The table holds no secret.
 */
public final class StorageTable {
    private static final String COLUMNS = "name, store, source, region, endpoint, created_by_sky, persistent, status,"
            + " clusters_json, created_at, updated_at";

    /** A row's status, SkyPilot's StorageStatus names. */
    public enum Status {
        /** Recorded; the bucket may or may not exist yet. */
        INIT,
        /** An upload into it failed or was interrupted; the next launch resumes it. */
        UPLOAD_FAILED,
        /** Created (or found) and filled. */
        READY
    }

    /**
     * One bucket.
     *
     * @param name the bucket name
     * @param store "s3", "gcs", "azure", "r2"
     * @param source the local source(s) or bucket URI it was filled from, or null
     * @param region the region it was created in, or null
     * @param endpoint the store endpoint used, or null for the cloud's own
     * @param createdBySky whether sky created it (deleting one it did not create needs --force)
     * @param persistent false: deleted on {@code sky down} of the clusters using it
     * @param status see {@link Status}
     * @param clusters the clusters that mount it, sorted
     * @param createdAt when the row was written
     * @param updatedAt when it last changed
     */
    public record StorageRecord(String name, String store, String source, String region, String endpoint,
                                boolean createdBySky, boolean persistent, Status status, List<String> clusters,
                                Instant createdAt, Instant updatedAt) {
        public StorageRecord {
            clusters = clusters == null ? List.of() : List.copyOf(new TreeSet<>(clusters));
        }

        public StorageRecord withStatus(Status s) {
            return new StorageRecord(name, store, source, region, endpoint, createdBySky, persistent, s, clusters,
                    createdAt, Instant.now());
        }
    }

    private final StateStore store;

    StorageTable(StateStore store) {
        this.store = store;
    }

    /** Inserts the row or replaces every column of it. */
    public void upsert(StorageRecord r) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO storage (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
                    + " store = excluded.store, source = excluded.source, region = excluded.region,"
                    + " endpoint = excluded.endpoint, created_by_sky = excluded.created_by_sky,"
                    + " persistent = excluded.persistent, status = excluded.status,"
                    + " clusters_json = excluded.clusters_json, created_at = excluded.created_at,"
                    + " updated_at = excluded.updated_at")) {
                ps.setString(1, r.name());
                ps.setString(2, r.store());
                ps.setString(3, r.source());
                ps.setString(4, r.region());
                ps.setString(5, r.endpoint());
                ps.setInt(6, r.createdBySky() ? 1 : 0);
                ps.setInt(7, r.persistent() ? 1 : 0);
                ps.setString(8, r.status().name());
                ps.setString(9, Json.write(r.clusters()));
                ps.setLong(10, r.createdAt().toEpochMilli());
                ps.setLong(11, r.updatedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    public Optional<StorageRecord> get(String name) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM storage WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<StorageRecord>empty();
                }
            }
        });
    }

    /** Every bucket, by name. */
    public List<StorageRecord> list() {
        return store.read(c -> {
            List<StorageRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM storage ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** The buckets a cluster mounts. */
    public List<StorageRecord> usedBy(String cluster) {
        return list().stream().filter(r -> r.clusters().contains(cluster)).toList();
    }

    /** Sets the status; false when there is no such row. */
    public boolean setStatus(String name, Status status) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE storage SET status = ?, updated_at = ? WHERE name = ?")) {
                ps.setString(1, status.name());
                ps.setLong(2, Instant.now().toEpochMilli());
                ps.setString(3, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Adds or removes a cluster from the row's users in one transaction; false when there is no such row. */
    public boolean setUsedBy(String name, String cluster, boolean using) {
        return store.write(c -> {
            String json;
            try (PreparedStatement ps = c.prepareStatement("SELECT clusters_json FROM storage WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    json = rs.getString(1);
                }
            }
            TreeSet<String> users = new TreeSet<>(clusters(json));
            if (using) {
                users.add(cluster);
            } else {
                users.remove(cluster);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE storage SET clusters_json = ?, updated_at = ? WHERE name = ?")) {
                ps.setString(1, Json.write(new ArrayList<>(users)));
                ps.setLong(2, Instant.now().toEpochMilli());
                ps.setString(3, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Deletes the row; call only after the store confirmed the bucket is gone (or for one sky did not create). */
    public boolean delete(String name) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM storage WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static StorageRecord row(ResultSet rs) throws SQLException {
        return new StorageRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6) != 0, rs.getInt(7) != 0, Status.valueOf(rs.getString(8)),
                clusters(rs.getString(9)), Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)));
    }

    private static List<String> clusters(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Object v = Json.parse(json);
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
