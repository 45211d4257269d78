package dev.sky.provision.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limiter shared through a file: several limiter instances (one per process in real use), many threads and
 * child JVMs draw on one bucket, so together they never get more than the burst plus the rate. The clock is frozen
 * or stepped by hand, so the assertions are about the permits handed out, never about how long anything took.
 */
class SharedRateLimiterTest {
    @TempDir
    Path dir;

    /** A clock every limiter of a test reads, moved by the test only. */
    static final class SteppedClock implements Pacer {
        final AtomicLong now = new AtomicLong(1_000_000_000_000L);

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(Duration d) {
            // the tests read reservations; nothing waits
        }
    }

    private RateLimiter limiter(Path file, Pacer clock) {
        return new RateLimiter(10, 5, clock, new SharedLimiterFile(file));
    }

    /** What one bucket of rate 10/s and burst 5 owes {@code n} callers at one instant, sorted. */
    private static List<Long> schedule(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i < 5 ? 0L : (i - 4) * 100_000_000L);
        }
        return out;
    }

    /** The waits are the schedule of one bucket, to the microsecond (the division rounds a nanosecond either way). */
    private static void assertSchedule(List<Long> sortedWaits, int n, String what) {
        List<Long> expected = schedule(n);
        assertThat(sortedWaits).as(what).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(sortedWaits.get(i)).as(what + ": permit " + i).isCloseTo(expected.get(i), within(1_000L));
        }
    }

    @Test
    void threadsOfSeveralLimiterInstancesShareOneBucket() throws Exception {
        Path file = dir.resolve("aws-us-east-1.rate");
        SteppedClock clock = new SteppedClock();
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int instance = 0; instance < 4; instance++) {
            RateLimiter l = limiter(file, clock);
            for (int t = 0; t < 3; t++) {
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 10; i++) {
                        waits.add(l.reserve().toNanos());
                    }
                });
                th.start();
                threads.add(th);
            }
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(waits);
        Collections.sort(sorted);
        assertSchedule(sorted, 120, "120 permits from 4 instances x 3 threads: the burst, then one per 1/rate");
    }

    @Test
    void childJvmsShareOneBucketWithThisOne() throws Exception {
        Path file = dir.resolve("aws-us-west-2.rate");
        long now = 2_000_000_000_000L;
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SharedLimiterChild.class.getName(),
                    file.toString(), "10", "5", "20", String.valueOf(now)).redirectErrorStream(true).start());
        }
        SteppedClock clock = new SteppedClock();
        clock.now.set(now);
        List<Long> waits = new ArrayList<>();
        RateLimiter mine = limiter(file, clock);
        for (int i = 0; i < 20; i++) {
            waits.add(mine.reserve().toNanos());
        }
        try {
            for (Process p : children) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as(out).isZero();
                out.lines().forEach(l -> waits.add(Long.parseLong(l.trim())));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        Collections.sort(waits);
        assertSchedule(waits, 80, "80 permits from 4 JVMs: one bucket");
    }

    @Test
    void aCutSeenByOneProcessSlowsTheOtherAndRecoveryIsShared() {
        Path file = dir.resolve("aws-eu-west-1.rate");
        SteppedClock clock = new SteppedClock();
        RateLimiter a = limiter(file, clock);
        RateLimiter b = limiter(file, clock);
        clock.now.addAndGet(1);
        a.throttled(a.now());
        assertThat(b.rate()).as("b sees a's cut").isEqualTo(5);
        clock.now.addAndGet(1);
        b.throttled(clock.now.get() - 2);
        assertThat(a.rate()).as("a call b sent before a's cut does not cut again").isEqualTo(5);
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? a : b).succeeded();
        }
        assertThat(a.rate()).as("not past the cut before a quiet period").isEqualTo(5);
        clock.now.addAndGet(RateLimiter.QUIET_PERIOD.toNanos());
        for (int i = 0; i < 13; i++) {
            a.succeeded();
            b.succeeded();
        }
        assertThat(b.rate()).as("26 successes of both at +base/50 each").isEqualTo(10);
    }

    @Test
    void aStaleOrCorruptFileNeverWedgesTheLimiter() throws IOException {
        Path file = dir.resolve("aws-ap-south-1.rate");
        SteppedClock clock = new SteppedClock();
        long now = clock.now.get();
        // A process reserved 1000 permits long ago and died: its reservations are in the past.
        Files.writeString(file, "v1 10.0 10.0 10.0 -1000.0 " + (now - Duration.ofMinutes(10).toNanos()) + " 0 false\n");
        assertThat(limiter(file, clock).reserve()).isZero();
        // The wall clock went back an hour after someone wrote: no refill, but no wait beyond one slot either.
        Files.writeString(file, "v1 10.0 10.0 10.0 0.0 " + (now + Duration.ofHours(1).toNanos()) + " 0 false\n");
        assertThat(limiter(file, clock).reserve()).isLessThanOrEqualTo(Duration.ofMillis(100));
        // Garbage (a torn write, another version): a fresh bucket.
        Files.writeString(file, "v9 what\n");
        assertThat(limiter(file, clock).reserve()).isZero();
    }

    @Test
    void theFileIsOwnerOnlyInAnOwnerOnlyFolderAndOnlyMadeOnFirstUse() throws IOException {
        Path folder = dir.resolve("ratelimits");
        RateLimiter l = RateLimiter.shared(folder, "aws", "us-east-2", 10, 5);
        assertThat(folder).as("nothing on disk before a call").doesNotExist();
        l.acquire();
        Path file = folder.resolve("aws-us-east-2.rate");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("v1 10.0 ");
        assertThat(RateLimiter.shared(folder, "aws", "us-east-2", 10, 5)).as("one instance per JVM").isSameAs(l);
    }
}
