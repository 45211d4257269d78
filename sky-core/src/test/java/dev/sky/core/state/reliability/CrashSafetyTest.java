package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 5, crash safety of the state DB. A victim process writes one row per transaction and reports
 * each number after it committed; it is SIGKILLed (or frozen and copied) at a random moment. Nothing lost means
 * {@code PRAGMA integrity_check} is ok every time, every reported number is present, nothing past the one transaction
 * in flight is present, there are no gaps, and the DB still opens in WAL mode. Figures are reported, not asserted.
 */
class CrashSafetyTest {
    private static final long SEED = Long.getLong("sky.reliability.seed", System.nanoTime());

    @TempDir
    Path tmp;

    static int kills() {
        return Integer.getInteger("sky.reliability.kills", ChildJvm.full() ? 1000 : 5);
    }

    static int copies() {
        return Integer.getInteger("sky.reliability.copies", ChildJvm.full() ? 200 : 5);
    }

    @Test
    void killDuringWritesLosesNoCommittedRow() throws Exception {
        Path home = tmp.resolve("skyhome");
        SkyPaths paths = new SkyPaths(home, home);
        Random random = new Random(SEED);
        Latencies recovery = new Latencies();
        List<String> failures = new ArrayList<>();
        long integrityFailures = 0;
        long missing = 0;
        long phantoms = 0;
        int killedWhileOpening = 0;
        long next = 1;
        for (int i = 0; i < kills(); i++) {
            Victim victim = Victim.start(home, next);
            victim.await("opening");
            if (i > 0 && random.nextInt(5) == 0) {
                // the open itself recovers the previous victim's WAL: kill that too, sometimes
                spin(random.nextInt(300_000));
                killedWhileOpening++;
            } else {
                victim.await("open");
                victim.awaitCommits(random.nextInt(80));
                spin(random.nextInt(3_000));
            }
            // Earlier victims' rows, audited already, count as reported: this one may have reported nothing.
            long lastReported = Math.max(next - 1, victim.killAndDrain());

            long t0 = System.nanoTime();
            try (StateStore store = StateStore.at(paths)) {
                store.journalMode(); // the first query opens the file and recovers the WAL
            }
            recovery.add((System.nanoTime() - t0) / 1000);
            SequenceAudit audit = SequenceAudit.of(paths.stateDb(), lastReported);
            integrityFailures += audit.integrity().equals("ok") ? 0 : 1;
            missing += audit.missing() + audit.gaps();
            phantoms += audit.beyond();
            if (!audit.sound() || !audit.journalMode().equals("wal")) {
                failures.add("kill " + i + " (last reported " + lastReported + "): " + audit);
            }
            next = Math.max(next, audit.max() + 1);
        }
        System.out.println("[reliability] scenario 5: kill -9 during writes: iterations=" + kills()
                + " (of which during open=" + killedWhileOpening + ") committedRows=" + (next - 1)
                + " integrityFailures=" + integrityFailures + " committedButMissing=" + missing
                + " uncommittedButPresent=" + phantoms + " recoveryOnOpen " + recovery.summary() + " seed=" + SEED);
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(next - 1).as("the victims committed something").isPositive();
    }

    /**
     * Power loss, as far as a test can mimic it: the victim is frozen (SIGSTOP) at a random moment, {@code state.db}
     * and {@code state.db-wal} are copied without {@code -shm}, and the copy is opened. A frozen process's files are
     * what the kernel holds, so this is a kill -9 seen from a fresh machine (the WAL index rebuilt from the WAL), not
     * a loss of writes the disk never got: with synchronous=NORMAL those could lose the last transactions, never
     * corrupt the file.
     */
    @Test
    void copyOfDbAndWalTakenMidWriteOpensSound() throws Exception {
        Path home = tmp.resolve("skyhome");
        Random random = new Random(SEED + 1);
        Latencies recovery = new Latencies();
        List<String> failures = new ArrayList<>();
        long integrityFailures = 0;
        long missing = 0;
        long next = 1;
        for (int i = 0; i < copies(); i++) {
            Victim victim = Victim.start(home, next);
            victim.await("opening");
            victim.await("open");
            victim.awaitCommits(random.nextInt(80));
            spin(random.nextInt(3_000));
            ChildJvm.signal(victim.process(), "STOP");
            Path copy = Files.createDirectories(tmp.resolve("copy-" + i));
            Path db = home.resolve("state.db");
            for (String suffix : List.of("", "-wal")) {
                Path from = Path.of(db + suffix);
                if (Files.exists(from)) {
                    Files.copy(from, copy.resolve("state.db" + suffix), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            long lastReported = Math.max(next - 1, victim.killAndDrain()); // a frozen process prints nothing more

            long t0 = System.nanoTime();
            try (StateStore store = StateStore.at(new SkyPaths(copy, copy))) {
                store.journalMode();
            }
            recovery.add((System.nanoTime() - t0) / 1000);
            SequenceAudit audit = SequenceAudit.of(copy.resolve("state.db"), lastReported);
            integrityFailures += audit.integrity().equals("ok") ? 0 : 1;
            missing += audit.missing() + audit.gaps();
            if (!audit.sound() || !audit.journalMode().equals("wal")) {
                failures.add("copy " + i + " (last reported " + lastReported + "): " + audit);
            }
            next = Math.max(next, SequenceAudit.of(db, lastReported).max() + 1);
            deleteTree(copy);
        }
        System.out.println("[reliability] scenario 5: db+wal copied mid-write: iterations=" + copies()
                + " integrityFailures=" + integrityFailures + " committedButMissing=" + missing
                + " recoveryOnOpen " + recovery.summary() + " seed=" + SEED);
        assertThat(failures).as("seed %d", SEED).isEmpty();
    }

    /** Busy-waits so that the kill lands at a random point inside a transaction, finer than sleep can place it. */
    static void spin(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(10_000);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
