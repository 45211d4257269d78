package dev.sky.core.state.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checker's own view of a state DB, through plain JDBC: what the tests verify must not depend on the code under
 * test. Opened only after StateStore has reopened (and so recovered) the file, or on a copy.
 */
final class RawDb implements AutoCloseable {
    private final Connection c;

    private RawDb(Connection c) {
        this.c = c;
    }

    static RawDb open(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 60000");
        }
        return new RawDb(c);
    }

    /** {@code PRAGMA integrity_check}: the single row {@code ok}, or the problems SQLite found. */
    String integrityCheck() throws SQLException {
        List<String> rows = strings("PRAGMA integrity_check");
        return String.join("; ", rows);
    }

    String journalMode() throws SQLException {
        return strings("PRAGMA journal_mode").get(0);
    }

    /** The highest applied schema version, 0 when the version table is missing. */
    int schemaVersion() throws SQLException {
        if (strings("SELECT name FROM sqlite_master WHERE name = 'schema_version'").isEmpty()) {
            return 0;
        }
        return (int) longs("SELECT COALESCE(MAX(version), 0) FROM schema_version").get(0).longValue();
    }

    List<String> strings(String sql, Object... args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = query(sql, args)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    List<Long> longs(String sql, Object... args) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = query(sql, args)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Every column of the first row, as numbers. */
    List<Long> longRow(String sql, Object... args) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = query(sql, args)) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getLong(i));
                }
            }
        }
        return out;
    }

    private ResultSet query(String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps.executeQuery();
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
