package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 5, migrations: a sky killed while it creates or migrates the state DB must leave a DB that the
 * next start migrates to the end, with nothing held: SQLite's locks are the dead process's, and each migration is its
 * own transaction, so a kill undoes at most the one in flight (SkyPilot #4636 is a migration that kept the lock).
 */
class MigrationKillTest {
    private static final long SEED = Long.getLong("sky.reliability.seed", System.nanoTime());

    @TempDir
    Path tmp;

    static int kills() {
        return Integer.getInteger("sky.reliability.migrationKills", ChildJvm.full() ? 200 : 5);
    }

    @Test
    void killWhileCreatingAFreshDbThenTheNextOpenFinishesMigrating() throws Exception {
        Path home = tmp.resolve("skyhome");
        SkyPaths paths = new SkyPaths(home, home);
        Random random = new Random(SEED);

        // One open that is not killed: how long a fresh open takes here, and the version it ends at.
        long t0 = System.nanoTime();
        Victim calibration = Victim.start(home, 1, "open-only");
        calibration.await("opening");
        long opening = System.nanoTime();
        calibration.await("open");
        long freshOpenMicros = Math.max(1_000, (System.nanoTime() - opening) / 1000);
        assertThat(calibration.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
        int latest;
        try (RawDb raw = RawDb.open(paths.stateDb())) {
            latest = raw.schemaVersion();
        }
        assertThat(latest).isPositive();

        TreeMap<String, Integer> stateAtKill = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Latencies recovery = new Latencies();
        for (int i = 0; i < kills(); i++) {
            deleteDb(paths);
            Victim victim = Victim.start(home, 1, "open-only");
            victim.await("opening");
            CrashSafetyTest.spin((long) (random.nextDouble() * 1.5 * freshOpenMicros));
            victim.killAndDrain();
            stateAtKill.merge(stateOf(paths.stateDb()), 1, Integer::sum);

            long r0 = System.nanoTime();
            try (StateStore store = StateStore.at(paths)) {
                store.journalMode();
                recovery.add((System.nanoTime() - r0) / 1000);
                store.clusters().upsert(cluster("after-kill-" + i));
            }
            try (RawDb raw = RawDb.open(paths.stateDb())) {
                String integrity = raw.integrityCheck();
                int version = raw.schemaVersion();
                if (!integrity.equals("ok") || version != latest || !raw.journalMode().equals("wal")
                        || !writeLockIsFree(paths.stateDb())) {
                    failures.add("kill " + i + ": integrity=" + integrity + " version=" + version + " journal="
                            + raw.journalMode());
                }
            }
        }
        System.out.println("[reliability] scenario 5: kill -9 while creating the DB: iterations=" + kills()
                + " stateAtKill=" + stateAtKill + " unfinishedAfterReopen=" + failures.size() + " freshOpen="
                + freshOpenMicros / 1000 + "ms recoveryOnOpen " + recovery.summary() + " seed=" + SEED
                + " total=" + (System.nanoTime() - t0) / 1_000_000 + "ms");
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    /**
     * A migration made slow on purpose: another connection holds the write lock, so the victim sits inside
     * {@code Schema.migrate} waiting for it, and is killed there. No test hook in the product is needed.
     */
    @Test
    void killWhileAMigrationWaitsForTheWriteLockThenTheNextOpenFinishes() throws Exception {
        Path home = tmp.resolve("skyhome");
        SkyPaths paths = new SkyPaths(home, home);
        int latest;
        try (StateStore store = StateStore.at(paths)) {
            store.clusters().upsert(cluster("kept"));
            latest = store.schemaVersion();
        }
        unmigrate(paths.stateDb());

        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + paths.stateDb());
             Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            Victim victim = Victim.start(home, 1, "open-only");
            victim.await("opening");
            // It cannot finish: every migration needs the lock held here. Give it time to get stuck, then kill it.
            assertThat(victim.process().waitFor(2, TimeUnit.SECONDS)).as("victim blocked in migration").isFalse();
            assertThat(victim.killAndDrain()).isEqualTo(-1);
            s.execute("ROLLBACK");
        }
        try (RawDb raw = RawDb.open(paths.stateDb())) {
            assertThat(raw.schemaVersion()).as("the killed migration left nothing").isZero();
        }

        Victim next = Victim.start(home, 1, "open-only");
        next.await("opening");
        next.await("open");
        assertThat(next.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(next.process().exitValue()).isZero();
        try (RawDb raw = RawDb.open(paths.stateDb())) {
            assertThat(raw.integrityCheck()).isEqualTo("ok");
            assertThat(raw.schemaVersion()).isEqualTo(latest);
        }
        assertThat(writeLockIsFree(paths.stateDb())).isTrue();
        try (StateStore store = StateStore.at(paths)) {
            store.clusters().upsert(cluster("after"));
            assertThat(store.clusters().list()).extracting(ClusterRecord::name).containsExactly("after");
        }
        System.out.println("[reliability] scenario 5: kill -9 while a migration waits for the write lock:"
                + " next open migrated to version " + latest + ", lock free");
    }

    /** What the killed open left: no file, an empty file, or the schema version a copy of db+wal opens at. */
    private String stateOf(Path db) throws Exception {
        if (!Files.exists(db)) {
            return "noFile";
        }
        if (Files.size(db) == 0 && !Files.exists(Path.of(db + "-wal"))) {
            return "emptyFile";
        }
        Path copy = Files.createDirectories(tmp.resolve("inspect")).resolve("state.db");
        Files.deleteIfExists(Path.of(copy + "-wal"));
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(Path.of(db + "-wal"))) {
            Files.copy(Path.of(db + "-wal"), Path.of(copy + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (RawDb raw = RawDb.open(copy)) {
            return "v" + raw.schemaVersion();
        } finally {
            Files.deleteIfExists(Path.of(copy + "-wal"));
            Files.deleteIfExists(Path.of(copy + "-shm"));
        }
    }

    /** Makes the DB look as if no migration had run: every table but {@code schema_version} gone, and no versions. */
    private static void unmigrate(Path db) throws SQLException {
        try (RawDb raw = RawDb.open(db);
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            for (String table : raw.strings("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'")) {
                s.execute("DROP TABLE \"" + table + "\"");
            }
            s.execute("DELETE FROM schema_version");
        }
    }

    /** An impatient connection (no busy timeout) can take the write lock at once. */
    static boolean writeLockIsFree(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("BEGIN IMMEDIATE");
            s.execute("COMMIT");
            return true;
        } catch (SQLException e) {
            if (ConcurrentWriterMain.isBusy(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void deleteDb(SkyPaths paths) throws Exception {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(paths.stateDb() + suffix));
        }
    }

    private static ClusterRecord cluster(String name) {
        Instant now = Instant.now();
        return new ClusterRecord(name, ClusterStatus.UP, "local", null, null, 1, null, null, null, now, now, null,
                null);
    }
}
