package dev.sky.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir Path tmp;

    private SkyPaths paths() {
        return new SkyPaths(tmp.resolve("skyhome"), tmp);
    }

    @Test
    void creatingAStoreTouchesNothing() {
        StateStore store = StateStore.at(paths());
        assertThat(store.isOpen()).isFalse();
        assertThat(tmp.resolve("skyhome")).doesNotExist();
    }

    @Test
    void freshDatabaseIsMigratedToTheLatestSchemaInWalMode() {
        try (StateStore store = StateStore.at(paths())) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.LATEST);
            assertThat(store.journalMode()).isEqualToIgnoringCase("wal");
            assertThat(store.clusters().list()).isEmpty();
            assertThat(store.cloudChecks().load().isEmpty()).isTrue();
        }
    }

    @Test
    void filesAreOwnerOnlyWhateverTheFolderWasBefore() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("skyhome"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (StateStore store = StateStore.at(paths())) {
            store.cloudChecks().record(Map.of("aws", true), "*", Instant.EPOCH); // a write creates -wal and -shm
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(store.file())).isEqualTo("rw-------");
            for (String suffix : List.of("-wal", "-shm")) {
                Path p = Path.of(store.file() + suffix);
                assertThat(p).exists();
                assertThat(mode(p)).as(suffix).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void reopeningKeepsDataAndAppliesNoMigrationTwice() throws SQLException {
        Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
        try (StateStore store = StateStore.at(paths())) {
            store.clusters().upsert(cluster("c1", ClusterStatus.INIT, t));
        }
        try (StateStore store = StateStore.at(paths())) {
            assertThat(store.clusters().get("c1")).map(ClusterRecord::status).contains(ClusterStatus.INIT);
            assertThat(store.schemaVersion()).isEqualTo(Schema.LATEST);
        }
        assertThat(count("SELECT COUNT(*) FROM schema_version")).isEqualTo(Schema.MIGRATIONS.size());
    }

    @Test
    void upgradesADatabaseWrittenByAnOlderSchema() throws SQLException {
        // What the first release of the schema left behind: only migration 1, with a cached check in it.
        Files.exists(tmp); // keep the temp folder
        Path db = paths().stateDb();
        db.getParent().toFile().mkdirs();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                    + " applied_at INTEGER NOT NULL)");
            for (String sql : Schema.MIGRATIONS.get(0).statements()) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'enabled clouds cache', 0)");
            s.execute("INSERT INTO cloud_checks VALUES ('gcp', 1, 5)");
        }
        try (StateStore store = StateStore.at(paths())) {
            assertThat(store.schemaVersion()).isEqualTo(Schema.LATEST);
            assertThat(store.cloudChecks().load().enabled()).containsExactly("gcp");
            store.clusters().upsert(cluster("after-upgrade", ClusterStatus.UP, Instant.EPOCH));
            assertThat(store.clusters().list()).extracting(ClusterRecord::name).containsExactly("after-upgrade");
        }
    }

    @Test
    void refusesADatabaseFromANewerSky() throws SQLException {
        try (StateStore store = StateStore.at(paths())) {
            store.schemaVersion();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + paths().stateDb());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (" + (Schema.LATEST + 1) + ", 'future', 0)");
        }
        try (StateStore store = StateStore.at(paths())) {
            assertThatThrownBy(store::schemaVersion).isInstanceOf(SkyException.class)
                    .hasMessageContaining("newer sky");
        }
    }

    @Test
    void clusterRowsRoundTripAndChange() {
        Instant t = Instant.ofEpochMilli(1_700_000_000_123L);
        try (StateStore store = StateStore.at(paths())) {
            ClusterRecord r = new ClusterRecord("c1", ClusterStatus.INIT, "aws", "us-east-1", "us-east-1a", 2,
                    "{\"cpus\":\"8+\"}", null, "{\"idle_minutes\":5}", t, t, 4242L, "launch");
            store.clusters().upsert(r);
            assertThat(store.clusters().get("c1")).contains(r);

            assertThat(store.clusters().updateStatus("c1", ClusterStatus.UP, t.plusSeconds(60))).isTrue();
            assertThat(store.clusters().setOwner("c1", null, null)).isTrue();
            ClusterRecord up = store.clusters().get("c1").orElseThrow();
            assertThat(up.status()).isEqualTo(ClusterStatus.UP);
            assertThat(up.statusUpdatedAt()).isEqualTo(t.plusSeconds(60));
            assertThat(up.ownerPid()).isNull();
            assertThat(up.launchedAt()).isEqualTo(t);

            assertThat(store.clusters().updateStatus("nope", ClusterStatus.UP, t)).isFalse();
            assertThat(store.clusters().delete("c1")).isTrue();
            assertThat(store.clusters().delete("c1")).isFalse();
            assertThat(store.clusters().get("c1")).isEmpty();
        }
    }

    @Test
    void historyKeepsEachLaunchAndItsEnd() {
        Instant t = Instant.ofEpochMilli(1_000_000);
        try (StateStore store = StateStore.at(paths())) {
            long first = store.history().recordLaunch("c1", "aws", "us-east-1", "m6i.2xlarge", 2, 0.768, t);
            assertThat(store.history().recordEnd("c1", t.plusSeconds(3600))).isEqualTo(1);
            long second = store.history().recordLaunch("c1", "gcp", null, "n2-standard-8", 1, 0.39, t.plusSeconds(7200));
            assertThat(second).isGreaterThan(first);
            List<ClusterHistoryRecord> rows = store.history().list();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).endedAt()).isEqualTo(t.plusSeconds(3600));
            assertThat(rows.get(0).hourlyCost()).isEqualTo(0.768);
            assertThat(rows.get(1).endedAt()).isNull();
            assertThat(rows.get(1).cloud()).isEqualTo("gcp");
        }
    }

    @Test
    void cloudChecksMergeWithEarlierResults() {
        try (StateStore store = StateStore.at(paths())) {
            store.cloudChecks().record(Map.of("aws", true, "gcp", false, "local", true), "*", Instant.EPOCH);
            store.cloudChecks().record(Map.of("aws", false), "aws,local", Instant.EPOCH);
            CloudCheckCache cache = store.cloudChecks().load();
            assertThat(cache.enabled()).containsExactly("local");
            assertThat(cache.results()).containsEntry("gcp", false);
            assertThat(cache.allowedCloudsKey()).isEqualTo("aws,local");
        }
    }

    @Test
    void twoStoresWritingAtOnceBothSucceed() throws Exception {
        try (StateStore a = StateStore.at(paths()); StateStore b = StateStore.at(paths())) {
            a.schemaVersion();
            Thread ta = new Thread(() -> writeMany(a, "a"));
            Thread tb = new Thread(() -> writeMany(b, "b"));
            ta.start();
            tb.start();
            ta.join();
            tb.join();
            assertThat(a.clusters().list()).hasSize(60);
        }
    }

    private static void writeMany(StateStore store, String prefix) {
        for (int i = 0; i < 30; i++) {
            store.clusters().upsert(cluster(prefix + i, ClusterStatus.INIT, Instant.EPOCH));
        }
    }

    private static ClusterRecord cluster(String name, ClusterStatus status, Instant t) {
        return new ClusterRecord(name, status, "local", "local", null, 1, null, null, null, t, t, null, null);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + paths().stateDb());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
