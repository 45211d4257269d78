package dev.sky.core.state;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * sky's local state: {@code SKY_HOME/state.db}, SQLite in WAL mode with a busy timeout and short IMMEDIATE
 * transactions. Creating a store touches nothing; the file is opened (and migrated) on first use, so commands that
 * never read state never pay for it. The DB holds no secret. One store is safe to share between threads.
 */
public final class StateStore implements AutoCloseable {
    /** How long a writer waits for another process's transaction before failing. */
    static final int BUSY_TIMEOUT_MILLIS = 60_000;

    private final Path home;
    private final Path dbFile;
    private final Path nativeCache;
    private Connection connection;
    private final ClusterTable clusters = new ClusterTable(this);
    private final ClusterHistoryTable history = new ClusterHistoryTable(this);
    private final CloudCheckTable cloudChecks = new CloudCheckTable(this);
    private final SshHostTable sshHosts = new SshHostTable(this);
    private final StorageTable storage = new StorageTable(this);
    private final ReconcileTable reconcile = new ReconcileTable(this);

    /** Work done on the connection; may throw SQLException, which becomes a SkyException. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private StateStore(SkyPaths paths) {
        this.home = paths.home();
        this.dbFile = paths.stateDb();
        this.nativeCache = paths.home().resolve("cache").resolve("sqlite-native");
    }

    /** A store for SKY_HOME; nothing is opened yet. */
    public static StateStore at(SkyPaths paths) {
        return new StateStore(paths);
    }

    public ClusterTable clusters() {
        return clusters;
    }

    public ClusterHistoryTable history() {
        return history;
    }

    public CloudCheckTable cloudChecks() {
        return cloudChecks;
    }

    /** SSH node pool hosts: their facts, pinned host keys and which cluster holds each. */
    public SshHostTable sshHosts() {
        return sshHosts;
    }

    /** Buckets sky knows: created by it or mounted by a task. */
    public StorageTable storage() {
        return storage;
    }

    /** Reconciliation bookkeeping: when a cluster was first seen missing, and orphaned cloud resources. */
    public ReconcileTable reconcile() {
        return reconcile;
    }

    public Path file() {
        return dbFile;
    }

    /** The schema version of the open DB (opens it). */
    public int schemaVersion() {
        return read(Schema::currentVersion);
    }

    /** The journal mode SQLite reports, {@code wal} once open (opens the DB). */
    public String journalMode() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
    }

    /** Whether the DB has been opened by this store. */
    public synchronized boolean isOpen() {
        return connection != null;
    }

    /** Runs read-only work outside an explicit transaction. */
    synchronized <T> T read(SqlWork<T> work) {
        try {
            return work.run(connection());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs work in one short IMMEDIATE transaction; rolls back on any failure. */
    synchronized <T> T write(SqlWork<T> work) {
        try {
            Connection c = connection();
            c.setAutoCommit(false); // BEGIN IMMEDIATE
            try {
                T result = work.run(c);
                // Leaving manual-commit mode commits. Connection.commit() would not do: sqlite-jdbc then BEGINs the
                // next IMMEDIATE transaction at once, taking the write lock a second time per write, and a busy
                // timeout there would report a committed write as failed.
                c.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                abort(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Ends a failed transaction, whichever step failed, and leaves the connection in autocommit mode. */
    private static void abort(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException noTransaction) {
            // nothing was open
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException noTransaction) {
            // its COMMIT finds no transaction after the rollback; the mode is switched all the same
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private Connection open() throws SQLException {
        try {
            OwnerOnlyFiles.directory(home);
            OwnerOnlyFiles.file(dbFile);
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, "cannot prepare " + dbFile + ": " + e.getMessage(), e);
        }
        SqliteNativeLibrary.prepare(nativeCache);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // IMMEDIATE: take the write lock at BEGIN, so a transaction never fails half way on a lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile, config.toProperties());
        try {
            Schema.migrate(c, dbFile.toString());
            // SQLite makes -wal and -shm beside the DB; keep them owner-only whatever the umask.
            OwnerOnlyFiles.restrictIfExists(Path.of(dbFile + "-wal"));
            OwnerOnlyFiles.restrictIfExists(Path.of(dbFile + "-shm"));
        } catch (SQLException | IOException | RuntimeException e) {
            c.close();
            if (e instanceof SQLException sql) {
                throw sql;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new SkyException(ExitCode.GENERIC, "cannot secure " + dbFile + ": " + e.getMessage(), e);
        }
        return c;
    }

    private SkyException failure(SQLException e) {
        return new SkyException(ExitCode.GENERIC, "state database " + dbFile + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection that failed is not worth a second error
            }
            connection = null;
        }
    }
}
