package dev.sky.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks into SKY_HOME/state.db directly (read-only SQL, never through sky), so that "no state row" does not rest on
 * sky's own report of itself.
 */
final class StateDb {
    private StateDb() {}

    /** Names in the clusters table; empty when the database was never created. */
    static List<String> clusterNames(Path skyHome) {
        Path db = skyHome.resolve("state.db");
        if (!Files.exists(db)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            if (!hasTable(s, "clusters")) {
                return List.of();
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM clusters ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + db + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** The raw bytes of state.db and its -wal and -shm files, as far as they exist. */
    static List<byte[]> rawFiles(Path skyHome) {
        List<byte[]> out = new ArrayList<>();
        for (String name : List.of("state.db", "state.db-wal", "state.db-shm", "state.db-journal")) {
            Path f = skyHome.resolve(name);
            if (Files.exists(f)) {
                try {
                    out.add(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static boolean hasTable(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '"
                + table + "'")) {
            return rs.next();
        }
    }
}
