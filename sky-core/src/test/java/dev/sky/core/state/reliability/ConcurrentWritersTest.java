package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterHistoryRecord;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch ready = new CountDownLatch(n);
        List<Process> children = new ArrayList<>();
        List<List<String>> outputs = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Process p = ChildJvm.start(ConcurrentWriterMain.class, home.toString(), Integer.toString(i),
                        Integer.toString(k), go.toString());
                List<String> lines = new ArrayList<>();
                children.add(p);
                outputs.add(lines);
                readers.add(drain(p, lines, ready));
            }
            assertThat(ready.await(10, TimeUnit.MINUTES)).as("every writer opened the DB").isTrue();
            Files.createFile(go);
            for (int i = 0; i < n; i++) {
                assertThat(children.get(i).waitFor(30, TimeUnit.MINUTES)).as("writer " + i + " finished").isTrue();
                readers.get(i).join(TimeUnit.MINUTES.toMillis(1));
            }
        } finally {
            for (Process p : children) {
                p.destroyForcibly();
            }
        }

        Latencies latencies = new Latencies();
        int busy = 0;
        int otherErrors = 0;
        List<String> errorSamples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> lines = outputs.get(i);
            synchronized (lines) {
                assertThat(children.get(i).exitValue()).as("writer %d exit; output %s", i, lines).isZero();
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
                assertThat(lines).as("writer %d output", i).contains("done ok=" + k + " busy=0 other=0");
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
                + " writeLatency " + latencies.summary());
        assertThat(busy).as("busy errors that reached callers: %s", errorSamples).isZero();
        assertThat(otherErrors).as("other errors: %s", errorSamples).isZero();
        assertThat(missingRows).isZero();
        assertThat(extraRows).isZero();
        assertThat(counter).as("launches counted").isEqualTo(n * k);
        assertThat(distinctIds).isEqualTo(n * k);
        assertThat(latencies.size()).isEqualTo(2 * n * k);
        assertThat(integrity).isEqualTo("ok");
    }

    /** Reads the child's stdout on its own thread, so a full pipe never stalls it; counts down at ready or EOF. */
    private static Thread drain(Process p, List<String> lines, CountDownLatch ready) {
        Thread t = new Thread(() -> {
            boolean counted = false;
            try (BufferedReader r = ChildJvm.stdout(p)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (!counted && (line.equals("ready") || line.startsWith("done "))) {
                        ready.countDown();
                        counted = true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (!counted) {
                    ready.countDown();
                }
            }
        }, "writer-stdout-" + p.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }
}
