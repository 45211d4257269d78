package dev.sky.core.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code cluster_history} table: every launch, kept after teardown, for {@code sky cost-report}. */
public final class ClusterHistoryTable {
    private static final String COLUMNS =
            "id, cluster_name, cloud, region, instance_type, num_nodes, hourly_cost, launched_at, ended_at";
    private final StateStore store;

    ClusterHistoryTable(StateStore store) {
        this.store = store;
    }

    /** Records a launch and returns its row id. */
    public long recordLaunch(String clusterName, String cloud, String region, String instanceType, int numNodes,
                             double hourlyCost, Instant launchedAt) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_history (cluster_name, cloud,"
                    + " region, instance_type, num_nodes, hourly_cost, launched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, clusterName);
                ps.setString(2, cloud);
                ps.setString(3, region);
                ps.setString(4, instanceType);
                ps.setInt(5, numNodes);
                ps.setDouble(6, hourlyCost);
                ps.setLong(7, launchedAt.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Marks the cluster's open launches as ended; returns how many rows changed. */
    public int recordEnd(String clusterName, Instant endedAt) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cluster_history SET ended_at = ? WHERE cluster_name = ? AND ended_at IS NULL")) {
                ps.setLong(1, endedAt.toEpochMilli());
                ps.setString(2, clusterName);
                return ps.executeUpdate();
            }
        });
    }

    /** Every launch, oldest first. */
    public List<ClusterHistoryRecord> list() {
        return store.read(c -> {
            List<ClusterHistoryRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM cluster_history ORDER BY launched_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    private static ClusterHistoryRecord row(ResultSet rs) throws SQLException {
        long ended = rs.getLong(9);
        Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
        return new ClusterHistoryRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getDouble(7), Instant.ofEpochMilli(rs.getLong(8)), endedAt);
    }
}
