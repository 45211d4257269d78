package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.Ledger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 9 on AWS through the emulator: throttled calls (RequestLimitExceeded, with and without
 * Retry-After; a per-second budget) make a launch and a down slower, never fail them, and leak nothing.
 */
class AwsThrottleIT {
    @TempDir
    static Path dir;
    static AwsSky aws;
    static String task;

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
        task = aws.sky.task("t.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                run: echo throttled-ok
                """);
        // One launch before any throttling: sky's cloud check (cached for later commands) and the key pair.
        assertThat(aws.run("launch", "-c", "warm", "-y", "-d", task)).succeeded();
        assertThat(aws.run("down", "-y", "warm")).succeeded();
    }

    @AfterEach
    void cleanUp() {
        aws.emulator.faults().reset();
        aws.run("down", "-y", "-a");
        aws.assertNothingAlive();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static long throttled() {
        return aws.emulator.ledger().calls().stream().filter(c -> "RequestLimitExceeded".equals(c.outcome())).count();
    }

    /** The most calls that reached the emulator within any one second. */
    private static int peakPerSecond() {
        List<Instant> at = aws.emulator.ledger().calls().stream().map(Ledger.Call::at).sorted().toList();
        int peak = 0;
        int lo = 0;
        for (int hi = 0; hi < at.size(); hi++) {
            while (at.get(hi).toEpochMilli() - at.get(lo).toEpochMilli() >= 1000) {
                lo++;
            }
            peak = Math.max(peak, hi - lo + 1);
        }
        return peak;
    }

    @Test
    void theFirstCallsThrottledWithAndWithoutRetryAfter() {
        for (long retryAfter : new long[] {-1, 1}) {
            aws.emulator.ledger().clear();
            aws.emulator.faults().throttleNext(3, retryAfter);
            long t0 = System.nanoTime();
            CommandResult r = aws.run("launch", "-c", "thr", "-y", "-d", task);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r).succeeded();
            assertThat(throttled()).as("the emulator throttled 3 calls").isEqualTo(3);
            aws.emulator.faults().throttleNext(3, retryAfter);
            assertThat(aws.run("down", "-y", "thr")).succeeded();
            aws.assertNothingAlive();
            System.out.println("[reliability] scenario 9 (aws): throttleNext(3+3, retryAfter=" + retryAfter
                    + ") launch " + ms + " ms, calls " + aws.emulator.ledger().calls().size() + ", throttled "
                    + throttled() + ", leaks 0");
        }
    }

    @Test
    void aPerSecondBudgetSlowsALaunchButItSucceeds() {
        aws.emulator.ledger().clear();
        aws.emulator.faults().throttleRate(4, -1);
        CommandResult r = aws.run("launch", "-c", "rate", "-y", "-d", task);
        assertThat(r).succeeded();
        assertThat(aws.run("down", "-y", "rate")).succeeded();
        aws.assertNothingAlive();
        System.out.println("[reliability] scenario 9 (aws): budget 4/s, calls " + aws.emulator.ledger().calls().size()
                + ", throttled " + throttled() + ", peak " + peakPerSecond() + "/s, leaks 0");
        aws.emulator.faults().reset();
    }
}
