package dev.sky.core.state;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The state DB's versioned migrations. Each runs in its own IMMEDIATE transaction and re-checks
 * {@code schema_version} inside it, so two processes opening a fresh DB at once apply each migration exactly once.
 * Append new migrations at the end; never edit a released one.
 */
final class Schema {
    record Migration(int version, String description, List<String> statements) {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "enabled clouds cache", List.of(
                    "CREATE TABLE cloud_checks (cloud TEXT PRIMARY KEY, enabled INTEGER NOT NULL,"
                            + " checked_at INTEGER NOT NULL)",
                    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")),
            new Migration(2, "clusters and cluster history", List.of(
                    "CREATE TABLE clusters (name TEXT PRIMARY KEY, status TEXT NOT NULL, cloud TEXT NOT NULL,"
                            + " region TEXT, zone TEXT, num_nodes INTEGER NOT NULL, resources_json TEXT,"
                            + " handle_json TEXT, autostop_json TEXT, launched_at INTEGER NOT NULL,"
                            + " status_updated_at INTEGER NOT NULL, owner_pid INTEGER, owner_op TEXT)",
                    "CREATE TABLE cluster_history (id INTEGER PRIMARY KEY AUTOINCREMENT, cluster_name TEXT NOT NULL,"
                            + " cloud TEXT NOT NULL, region TEXT, instance_type TEXT, num_nodes INTEGER NOT NULL,"
                            + " hourly_cost REAL NOT NULL, launched_at INTEGER NOT NULL, ended_at INTEGER)",
                    "CREATE INDEX cluster_history_by_name ON cluster_history (cluster_name)")),
            new Migration(3, "ssh node pool hosts and their leases", List.of(
                    "CREATE TABLE ssh_hosts (pool TEXT NOT NULL, host TEXT NOT NULL, facts_json TEXT,"
                            + " host_key TEXT, checked_at INTEGER NOT NULL, PRIMARY KEY (pool, host))",
                    "CREATE TABLE ssh_host_leases (pool TEXT NOT NULL, host TEXT NOT NULL, cluster TEXT NOT NULL,"
                            + " rank INTEGER NOT NULL, leased_at INTEGER NOT NULL, PRIMARY KEY (pool, host))",
                    "CREATE INDEX ssh_host_leases_by_cluster ON ssh_host_leases (cluster)")),
            new Migration(4, "storage buckets", List.of(
                    "CREATE TABLE storage (name TEXT PRIMARY KEY, store TEXT NOT NULL, source TEXT, region TEXT,"
                            + " endpoint TEXT, created_by_sky INTEGER NOT NULL, persistent INTEGER NOT NULL,"
                            + " status TEXT NOT NULL, clusters_json TEXT, created_at INTEGER NOT NULL,"
                            + " updated_at INTEGER NOT NULL)")),
            new Migration(5, "reconciliation grace and orphaned cloud resources", List.of(
                    "CREATE TABLE cluster_absence (name TEXT PRIMARY KEY, first_missing_at INTEGER NOT NULL)",
                    "CREATE TABLE orphans (cloud TEXT NOT NULL, resource_id TEXT NOT NULL, kind TEXT NOT NULL,"
                            + " region TEXT, cluster_tag TEXT, seen_at INTEGER NOT NULL,"
                            + " PRIMARY KEY (cloud, resource_id))")));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {}

    /** Brings the DB to {@link #LATEST}; a no-op (one query) when it is there already. */
    static void migrate(Connection c, String dbName) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(c);
        if (current > LATEST) {
            throw new SkyException(ExitCode.GENERIC, dbName + " was written by a newer sky (schema version "
                    + current + ", this sky knows up to " + LATEST + "). Upgrade sky or use another SKY_HOME.");
        }
        if (current == LATEST) {
            return;
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() <= current) {
                continue;
            }
            c.setAutoCommit(false);
            try {
                if (!applied(c, m.version())) {
                    try (Statement s = c.createStatement()) {
                        for (String sql : m.statements()) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                        ps.setInt(1, m.version());
                        ps.setString(2, m.description());
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean applied(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
