package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4's premise: a store holds SQLite's write lock only inside a write. Another connection with no busy
 * timeout at all must get the lock straight after a write returns, whether it committed or failed.
 */
class WriteLockReleaseTest {
    @TempDir
    Path tmp;

    @Test
    void theWriteLockIsFreeAsSoonAsAWriteReturns() throws SQLException {
        SkyPaths paths = new SkyPaths(tmp, tmp);
        try (StateStore store = StateStore.at(paths); Connection other = impatient(paths)) {
            store.clusters().upsert(cluster("a", "local"));
            assertThat(canTakeWriteLock(other)).as("after a committed write").isTrue();
            assertThat(store.clusters().get("a")).isPresent();

            // cloud is NOT NULL: the statement fails inside the transaction, which must roll back.
            assertThatThrownBy(() -> store.clusters().upsert(cluster("b", null))).isInstanceOf(SkyException.class);
            assertThat(canTakeWriteLock(other)).as("after a failed write").isTrue();
            assertThat(store.clusters().get("b")).isEmpty();

            store.clusters().upsert(cluster("c", "local"));
            assertThat(store.clusters().list()).extracting(ClusterRecord::name).containsExactly("a", "c");
            assertThat(canTakeWriteLock(other)).isTrue();
        }
    }

    private static Connection impatient(SkyPaths paths) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + paths.stateDb());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
        }
        return c;
    }

    private static boolean canTakeWriteLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
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

    private static ClusterRecord cluster(String name, String cloud) {
        Instant now = Instant.now();
        return new ClusterRecord(name, ClusterStatus.INIT, cloud, null, null, 1, null, null, null, now, now, null,
                null);
    }
}
