package dev.sky.core.state.reliability;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What a DB holds after a crash, against what the victim reported committed ({@link CommitLoggerMain}'s rows
 * {@code crash-1 .. crash-n}, written in order across all victims of a run).
 *
 * @param integrity {@code PRAGMA integrity_check}, {@code ok} when sound
 * @param journalMode the journal mode the DB opens in
 * @param rows how many {@code crash-} rows there are
 * @param max the highest sequence number present, 0 when none
 * @param missing reported-committed numbers (1..lastReported) that are absent: must be 0
 * @param beyond numbers above lastReported + 1 that are present: must be 0, since only the one transaction in flight
 *     at the kill may have committed without being reported
 */
record SequenceAudit(String integrity, String journalMode, long rows, long max, long missing, long beyond) {

    static SequenceAudit of(Path db, long lastReported) throws SQLException {
        try (RawDb raw = RawDb.open(db)) {
            String integrity = raw.integrityCheck();
            String mode = raw.journalMode();
            String numbers = "SELECT CAST(substr(name, " + (CommitLoggerMain.PREFIX.length() + 1)
                    + ") AS INTEGER) AS n FROM clusters WHERE name LIKE '" + CommitLoggerMain.PREFIX + "%'";
            List<Long> figures = raw.longRow("SELECT COUNT(*), COALESCE(MAX(n), 0),"
                    + " COALESCE(SUM(CASE WHEN n <= ? THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN n > ? THEN 1 ELSE 0 END), 0) FROM (" + numbers + ")",
                    lastReported, lastReported + 1);
            long rows = figures.get(0);
            return new SequenceAudit(integrity, mode, rows, figures.get(1),
                    Math.max(0, lastReported) - figures.get(2), figures.get(3));
        }
    }

    /** Numbers missing anywhere in 1..max: a gap means a transaction vanished though a later one survived. */
    long gaps() {
        return max - rows;
    }

    boolean sound() {
        return integrity.equals("ok") && missing == 0 && beyond == 0 && gaps() == 0;
    }
}
