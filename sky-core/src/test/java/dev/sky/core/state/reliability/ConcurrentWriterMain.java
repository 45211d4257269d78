package dev.sky.core.state.reliability;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * One writer of scenario 4, run as its own process. Opens the shared SKY_HOME (on a fresh DB this races the other
 * writers through the migrations), prints {@code ready}, waits for the go file so that all writers start together,
 * then does {@code writes} launches as sky records them: an upsert of its own cluster row and a launch recorded in
 * {@code cluster_history} under the shared name {@value #COUNTER}, each its own transaction.
 *
 * <p>Output: {@code ready} (or an error line if the open failed); one {@code error <kind> <message>} line per failed call; {@code lat <micros>...} with
 * every transaction's latency; {@code done ok=<n> busy=<n> other=<n>}.
 *
 * <p>Args: SKY_HOME, writer index, writes, go file.
 */
public final class ConcurrentWriterMain {
    static final String COUNTER = "shared-counter";

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int writer = Integer.parseInt(args[1]);
        int writes = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        try (StateStore store = StateStore.at(new SkyPaths(home, home))) {
            try {
                store.schemaVersion(); // the first open: creates and migrates a fresh DB
            } catch (SkyException e) {
                System.out.println("error " + (isBusy(e) ? "busy " : "other ") + e.getMessage());
                System.out.println("done ok=0 busy=" + (isBusy(e) ? 1 : 0) + " other=" + (isBusy(e) ? 0 : 1));
                return;
            }
            System.out.println("ready");
            System.out.flush();
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            StringBuilder lat = new StringBuilder("lat");
            int ok = 0;
            int busy = 0;
            int other = 0;
            for (int j = 0; j < writes; j++) {
                String name = clusterName(writer, j);
                Instant now = Instant.now();
                boolean bothOk = true;
                for (int step = 0; step < 2; step++) {
                    long t0 = System.nanoTime();
                    try {
                        if (step == 0) {
                            store.clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, "local", "r1", null,
                                    1, "{\"cpus\":\"2\"}", null, null, now, now, ProcessHandle.current().pid(),
                                    "launch"));
                        } else {
                            store.history().recordLaunch(COUNTER, "local", "r1", "local-2cpu", 1, 0.0, now);
                        }
                    } catch (SkyException e) {
                        bothOk = false;
                        boolean isBusy = isBusy(e);
                        busy += isBusy ? 1 : 0;
                        other += isBusy ? 0 : 1;
                        System.out.println("error " + (isBusy ? "busy " : "other ") + e.getMessage());
                    }
                    lat.append(' ').append((System.nanoTime() - t0) / 1000);
                }
                ok += bothOk ? 1 : 0;
            }
            System.out.println(lat);
            System.out.println("done ok=" + ok + " busy=" + busy + " other=" + other);
            System.out.flush();
        }
    }

    static String clusterName(int writer, int write) {
        return "w" + writer + "-" + write;
    }

    /** SQLITE_BUSY and SQLITE_LOCKED as sqlite-jdbc words them, anywhere in the cause chain. */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("sqlite_busy") || m.contains("database is locked") || m.contains("sqlite_locked")) {
                return true;
            }
        }
        return false;
    }
}
