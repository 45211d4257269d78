package dev.sky.core.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The enabled-clouds cache that {@code sky check} writes and the optimizer reads. */
public final class CloudCheckTable {
    private static final String ALLOWED_KEY = "allowed_clouds";
    private final StateStore store;

    CloudCheckTable(StateStore store) {
        this.store = store;
    }

    /** What the earlier checks found; empty results when nothing was ever checked. */
    public CloudCheckCache load() {
        return store.read(c -> {
            Map<String, Boolean> results = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cloud, enabled FROM cloud_checks");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    results.put(rs.getString(1), rs.getInt(2) != 0);
                }
            }
            String allowed = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                ps.setString(1, ALLOWED_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        allowed = rs.getString(1);
                    }
                }
            }
            return new CloudCheckCache(results, allowed);
        });
    }

    /**
     * Stores the results of the clouds just checked, leaving other clouds' entries as they were, and the
     * {@code allowed_clouds} setting they were computed under.
     */
    public void record(Map<String, Boolean> results, String allowedCloudsKey, Instant at) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cloud_checks (cloud, enabled, checked_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT(cloud) DO UPDATE SET enabled = excluded.enabled,"
                    + " checked_at = excluded.checked_at")) {
                for (Map.Entry<String, Boolean> e : results.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setInt(2, e.getValue() ? 1 : 0);
                    ps.setLong(3, at.toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings (key, value) VALUES (?, ?)"
                    + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, ALLOWED_KEY);
                ps.setString(2, allowedCloudsKey);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
