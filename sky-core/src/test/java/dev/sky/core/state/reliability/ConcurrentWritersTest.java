package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterHistoryRecord;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 4: many sky processes write one fresh state DB at once. Nothing lost means no SQLITE_BUSY or
 * "database is locked" reaches a caller, every cluster row is there, and the shared launch counter (rows in
 * {@code cluster_history}) equals the number of writes. Latencies are reported, not asserted.
 */
class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    static int writers() {
        return Integer.getInteger("sky.reliability.writers", ChildJvm.full() ? 64 : 8);
    }

    static int writesEach() {
        return Integer.getInteger("sky.reliability.writes", ChildJvm.full() ? 500 : 50);
    }

    @Test
    void concurrentWritersLoseNothingAndNeverSeeBusy() throws Exception {
        Path home = tmp.resolve("skyhome");
        Path go = tmp.resolve("go");
        int n = writers();
        int k = writesEach();
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long writePhaseMs;
        try {
            for (int i = 0; i < n; i++) {
                Path out = tmp.resolve("writer-" + i + ".out");
                outputs.add(out);
                children.add(ChildJvm.start(ConcurrentWriterMain.class, out, home.toString(), Integer.toString(i),
                        Integer.toString(k), go.toString()));
            }
            awaitReady(children, outputs);
            Files.createFile(go);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                assertThat(children.get(i).waitFor(30, TimeUnit.MINUTES)).as("writer " + i + " finished").isTrue();
            }
            writePhaseMs = (System.nanoTime() - t0) / 1_000_000;
        } finally {
            for (Process p : children) {
                p.destroyForcibly();
            }
        }

        Latencies latencies = new Latencies();
        int busy = 0;
        int otherErrors = 0;
        List<String> errorSamples = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> lines = new OutputTail(outputs.get(i)).newLines();
            for (String line : lines) {
                if (line.startsWith("error ")) {
                    busy += line.startsWith("error busy ") ? 1 : 0;
                    otherErrors += line.startsWith("error busy ") ? 0 : 1;
                    if (errorSamples.size() < 5) {
                        errorSamples.add("writer " + i + ": " + line);
                    }
                } else if (line.startsWith("lat ")) {
                    for (String micros : line.substring(4).split(" ")) {
                        latencies.add(Long.parseLong(micros));
                    }
                }
            }
            if (children.get(i).exitValue() != 0 || !lines.contains("done ok=" + k + " busy=0 other=0")) {
                unfinished.add("writer " + i + " exit " + children.get(i).exitValue() + ": "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            }
        }

        int missingRows;
        int counter;
        int distinctIds;
        int extraRows;
        try (StateStore store = StateStore.at(new SkyPaths(home, home))) {
            Set<String> names = new HashSet<>();
            for (ClusterRecord r : store.clusters().list()) {
                names.add(r.name());
            }
            missingRows = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    missingRows += names.contains(ConcurrentWriterMain.clusterName(i, j)) ? 0 : 1;
                }
            }
            List<ClusterHistoryRecord> launches = store.history().list().stream()
                    .filter(h -> h.clusterName().equals(ConcurrentWriterMain.COUNTER)).toList();
            counter = launches.size();
            distinctIds = (int) launches.stream().mapToLong(ClusterHistoryRecord::id).distinct().count();
            extraRows = names.size() + missingRows - n * k;
        }
        String integrity;
        try (RawDb raw = RawDb.open(home.resolve("state.db"))) {
            integrity = raw.integrityCheck();
        }

        System.out.println("[reliability] scenario 4: writers=" + n + " writesEach=" + k + " transactions="
                + latencies.size() + " busyErrors=" + busy + " otherErrors=" + otherErrors + " missingRows="
                + missingRows + " counter=" + counter + "/" + (n * k) + " integrity=" + integrity
                + " writeLatency " + latencies.summary() + " over1s=" + latencies.countOverMs(1000) + " writePhase=" + writePhaseMs + "ms ("
                + (latencies.size() * 1000L / Math.max(1, writePhaseMs)) + " tx/s)");
        assertThat(unfinished).as("writers that did not finish every write").isEmpty();
        assertThat(busy).as("busy errors that reached callers: %s", errorSamples).isZero();
        assertThat(otherErrors).as("other errors: %s", errorSamples).isZero();
        assertThat(missingRows).isZero();
        assertThat(extraRows).isZero();
        assertThat(counter).as("launches counted").isEqualTo(n * k);
        assertThat(distinctIds).isEqualTo(n * k);
        assertThat(latencies.size()).isEqualTo(2 * n * k);
        assertThat(integrity).isEqualTo("ok");
    }

    /** Waits (bounded) until every writer has opened the DB (or failed to and said so), polling their output. */
    private static void awaitReady(List<Process> children, List<Path> outputs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<OutputTail> tails = outputs.stream().map(OutputTail::new).toList();
        boolean[] ready = new boolean[children.size()];
        for (int left = children.size(); left > 0; ) {
            for (int i = 0; i < ready.length; i++) {
                if (!ready[i] && (!children.get(i).isAlive() || tails.get(i).newLines().stream()
                        .anyMatch(l -> l.equals("ready") || l.startsWith("error ")))) {
                    ready[i] = true;
                    left--;
                }
            }
            assertThat(System.nanoTime()).as("every writer opened the DB within 10 minutes").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
