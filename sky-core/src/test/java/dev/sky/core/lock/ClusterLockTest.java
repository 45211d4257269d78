package dev.sky.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 6: another process never gets the lock while the holder lives, and gets it soon after the
 * holder is killed with SIGKILL. CI runs a few rounds; -Preliability runs the full count.
 */
class ClusterLockTest {
    static int rounds() {
        return "full".equals(System.getProperty("sky.reliability")) ? 200 : 3;
    }

    @TempDir
    Path dir;

    @Test
    void excludesOtherProcessesAndIsFreedWhenTheHolderIsKilled() throws Exception {
        List<Long> latenciesMs = new ArrayList<>();
        int falseAcquisitions = 0;
        for (int i = 0; i < rounds(); i++) {
            Process holder = startHolder("c" + (i % 3));
            try {
                try {
                    ClusterLock.acquire(dir, "c" + (i % 3), "test", Duration.ofMillis(200), null).close();
                    falseAcquisitions++;
                } catch (SkyException expected) {
                    assertThat(expected.getMessage()).contains("test-holder").contains("pid " + holder.pid());
                }
            } finally {
                holder.destroyForcibly(); // SIGKILL
                holder.waitFor(10, TimeUnit.SECONDS);
            }
            long t0 = System.nanoTime();
            try (ClusterLock l = ClusterLock.acquire(dir, "c" + (i % 3), "test", Duration.ofSeconds(10), null)) {
                latenciesMs.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        assertThat(falseAcquisitions).isZero();
        assertThat(latenciesMs).hasSize(rounds());
        System.out.println("[reliability] scenario 6: rounds=" + rounds() + " falseAcquisitions=" + falseAcquisitions
                + " acquireAfterKillMs(max)=" + latenciesMs.stream().mapToLong(x -> x).max().orElse(0));
    }

    @Test
    void threadsOfOneProcessAlsoSerialize() throws Exception {
        try (ClusterLock l = ClusterLock.acquire(dir, "x", "first", Duration.ofSeconds(1), null)) {
            Thread t = new Thread(() -> assertThatThrownBy(
                    () -> ClusterLock.acquire(dir, "x", "second", Duration.ofMillis(100), null))
                    .isInstanceOf(SkyException.class));
            t.start();
            t.join();
        }
        ClusterLock.acquire(dir, "x", "third", Duration.ofSeconds(1), null).close();
    }

    private Process startHolder(String cluster) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dir.toString(), cluster).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = r.readLine();
        assertThat(line).isEqualTo("locked");
        return p;
    }
}
