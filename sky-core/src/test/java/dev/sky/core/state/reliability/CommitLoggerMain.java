package dev.sky.core.state.reliability;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The victim of scenario 5, run as its own process until killed. Prints {@code opening}, opens SKY_HOME (creating or
 * migrating the DB as needed), prints {@code open}, then writes cluster rows {@code crash-<n>} for n = start,
 * start+1, ... one transaction each, printing n only after its transaction committed. So every number printed is
 * committed, and at most one committed number (the one in flight at the kill) is not printed.
 *
 * <p>Args: SKY_HOME, first sequence number, optional {@code open-only} to exit once open.
 */
public final class CommitLoggerMain {
    static final String PREFIX = "crash-";
    /** Rows a few pages wide, so the WAL fills and checkpoints while the victim runs. */
    private static final String PAYLOAD = "{\"note\":\"" + "x".repeat(1500) + "\"}";

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        long seq = Long.parseLong(args[1]);
        boolean openOnly = args.length > 2 && args[2].equals("open-only");
        try (StateStore store = StateStore.at(new SkyPaths(home, home))) {
            System.out.println("opening");
            System.out.flush();
            store.schemaVersion();
            System.out.println("open");
            System.out.flush();
            if (openOnly) {
                return;
            }
            // Bounded so that a victim nobody kills still ends.
            for (long end = seq + 1_000_000; seq < end; seq++) {
                Instant now = Instant.now();
                store.clusters().upsert(new ClusterRecord(PREFIX + seq, ClusterStatus.INIT, "local", "r1", null, 1,
                        PAYLOAD, null, null, now, now, ProcessHandle.current().pid(), "launch"));
                System.out.println(seq);
                System.out.flush();
            }
        }
    }
}
