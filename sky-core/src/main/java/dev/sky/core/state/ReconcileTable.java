package dev.sky.core.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cluster_absence} and {@code orphans} tables (schema migration 5): when a refresh first found a
 * cluster's nodes missing (its record goes only after the absence lasted a grace period), and the tagged resources
 * {@code sky gc} last found with no cluster record.
 */
public final class ReconcileTable {
    private final StateStore store;

    ReconcileTable(StateStore store) {
        this.store = store;
    }

    /**
     * One resource with sky's tags and no cluster record.
     *
     * @param cloud cloud id
     * @param resourceId the cloud's id for it
     * @param kind instance, volume, security-group, key-pair…
     * @param region where it lives, or null
     * @param clusterTag the cluster name from its tag, or null
     * @param seenAt when gc last saw it
     */
    public record Orphan(String cloud, String resourceId, String kind, String region, String clusterTag,
                         Instant seenAt) {}

    /** Records that the cluster's nodes are missing now, unless already recorded; returns the first sighting. */
    public Instant markAbsent(String cluster, Instant now) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cluster_absence (name, first_missing_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING")) {
                ps.setString(1, cluster);
                ps.setLong(2, now.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_missing_at FROM cluster_absence WHERE name = ?")) {
                ps.setString(1, cluster);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Instant.ofEpochMilli(rs.getLong(1));
                }
            }
        });
    }

    /** When a refresh first found the cluster's nodes missing, if it did and they have not been seen since. */
    public Optional<Instant> absentSince(String cluster) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_missing_at FROM cluster_absence WHERE name = ?")) {
                ps.setString(1, cluster);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    /** Forgets an absence: the nodes were seen again, or the record was removed. */
    public void clearAbsent(String cluster) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_absence WHERE name = ?")) {
                ps.setString(1, cluster);
                return ps.executeUpdate();
            }
        });
    }

    /** Replaces what is known about one cloud's orphans with what a gc listing just found. */
    public void replaceOrphans(String cloud, Collection<Orphan> found) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM orphans WHERE cloud = ?")) {
                ps.setString(1, cloud);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO orphans (cloud, resource_id,"
                    + " kind, region, cluster_tag, seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Orphan o : found) {
                    ps.setString(1, cloud);
                    ps.setString(2, o.resourceId());
                    ps.setString(3, o.kind());
                    ps.setString(4, o.region());
                    ps.setString(5, o.clusterTag());
                    ps.setLong(6, o.seenAt().toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Every orphan seen, by cloud and id. */
    public List<Orphan> orphans() {
        return store.read(c -> {
            List<Orphan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cloud, resource_id, kind, region, cluster_tag,"
                    + " seen_at FROM orphans ORDER BY cloud, resource_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Orphan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        });
    }
}
