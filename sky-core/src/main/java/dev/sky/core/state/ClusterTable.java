package dev.sky.core.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code clusters} table: one row per live cluster, written before the first create call. */
public final class ClusterTable {
    private static final String COLUMNS = "name, status, cloud, region, zone, num_nodes, resources_json, handle_json,"
            + " autostop_json, launched_at, status_updated_at, owner_pid, owner_op";
    private final StateStore store;

    ClusterTable(StateStore store) {
        this.store = store;
    }

    /** Inserts the cluster or replaces every column of its row. */
    public void upsert(ClusterRecord r) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clusters (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
                    + " status = excluded.status, cloud = excluded.cloud, region = excluded.region,"
                    + " zone = excluded.zone, num_nodes = excluded.num_nodes,"
                    + " resources_json = excluded.resources_json, handle_json = excluded.handle_json,"
                    + " autostop_json = excluded.autostop_json, launched_at = excluded.launched_at,"
                    + " status_updated_at = excluded.status_updated_at, owner_pid = excluded.owner_pid,"
                    + " owner_op = excluded.owner_op")) {
                ps.setString(1, r.name());
                ps.setString(2, r.status().name());
                ps.setString(3, r.cloud());
                ps.setString(4, r.region());
                ps.setString(5, r.zone());
                ps.setInt(6, r.numNodes());
                ps.setString(7, r.resourcesJson());
                ps.setString(8, r.handleJson());
                ps.setString(9, r.autostopJson());
                ps.setLong(10, r.launchedAt().toEpochMilli());
                ps.setLong(11, r.statusUpdatedAt().toEpochMilli());
                if (r.ownerPid() == null) {
                    ps.setNull(12, Types.INTEGER);
                } else {
                    ps.setLong(12, r.ownerPid());
                }
                ps.setString(13, r.ownerOp());
                return ps.executeUpdate();
            }
        });
    }

    public Optional<ClusterRecord> get(String name) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM clusters WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<ClusterRecord>empty();
                }
            }
        });
    }

    /** Every cluster, by name. */
    public List<ClusterRecord> list() {
        return store.read(c -> {
            List<ClusterRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM clusters ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** Sets the status and its timestamp; false when there is no such cluster. */
    public boolean updateStatus(String name, ClusterStatus status, Instant at) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE clusters SET status = ?, status_updated_at = ? WHERE name = ?")) {
                ps.setString(1, status.name());
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Records which process works on the cluster (null pid and op clear it); false when there is no such cluster. */
    public boolean setOwner(String name, Long pid, String op) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE clusters SET owner_pid = ?, owner_op = ? WHERE name = ?")) {
                if (pid == null) {
                    ps.setNull(1, Types.INTEGER);
                } else {
                    ps.setLong(1, pid);
                }
                ps.setString(2, op);
                ps.setString(3, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Deletes the row; call only after the cloud confirmed the nodes are gone. False when there was none. */
    public boolean delete(String name) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM clusters WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static ClusterRecord row(ResultSet rs) throws SQLException {
        long pid = rs.getLong(12);
        Long ownerPid = rs.wasNull() ? null : pid;
        return new ClusterRecord(rs.getString(1), ClusterStatus.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)), ownerPid,
                rs.getString(13));
    }
}
