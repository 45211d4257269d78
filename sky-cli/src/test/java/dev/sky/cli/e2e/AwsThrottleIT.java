package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 9 on AWS through the emulator: throttled calls (RequestLimitExceeded, with and without
 * Retry-After; a per-second budget; the Describe right after a RunInstances) make a launch and a down slower, never
 * fail them, and leak nothing. The client's rate starts at {@code aws.api_calls_per_second: 10} (config.yaml) and
 * must settle under the emulator's budget once it has been throttled, for two concurrent commands together too (the
 * rate is shared by every sky process of the SKY_HOME).
 */
class AwsThrottleIT {
    @TempDir
    static Path dir;
    static AwsSky aws;
    static String task;

    static final double BUDGET = 4;
    static final int BASE_RATE = 10;

    @BeforeAll
    static void start() throws Exception {
        aws = AwsSky.nodeBacked(dir);
        Files.createDirectories(aws.sky.skyHome());
        Files.writeString(aws.sky.skyHome().resolve("config.yaml"), "aws:\n  api_calls_per_second: " + BASE_RATE
                + "\n");
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

    /**
     * Each test starts from the base rate: the limiter's state is shared through SKY_HOME, so a cut made by an
     * earlier test would otherwise still hold (for its quiet period) and keep this one from being throttled at all.
     */
    @BeforeEach
    void baseRate() throws Exception {
        Path shared = aws.sky.skyHome().resolve("ratelimits");
        if (Files.isDirectory(shared)) {
            try (var files = Files.list(shared)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
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
        return peakPerSecond(aws.emulator.ledger().calls().stream().map(Ledger.Call::at).sorted().toList());
    }

    /**
     * The peak once the client has adapted: from 2 s after the first throttled call (the limiter cuts its rate at
     * most once a second: 10/s, 5/s, then 2.5/s), or 0 when nothing was throttled.
     */
    private static int peakPerSecondAfterAdapting() {
        List<Ledger.Call> calls = aws.emulator.ledger().calls();
        Instant firstThrottle = calls.stream().filter(c -> "RequestLimitExceeded".equals(c.outcome()))
                .map(Ledger.Call::at).min(Instant::compareTo).orElse(null);
        if (firstThrottle == null) {
            return 0;
        }
        Instant settled = firstThrottle.plusSeconds(2);
        return peakPerSecond(calls.stream().map(Ledger.Call::at).filter(t -> !t.isBefore(settled)).sorted().toList());
    }

    private static int peakPerSecond(List<Instant> at) {
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
    void aPerSecondBudgetSlowsALaunchButItSucceedsAndTheClientSettlesUnderTheBudget() {
        aws.emulator.ledger().clear();
        aws.emulator.faults().throttleRate(BUDGET, -1);
        CommandResult r = aws.run("launch", "-c", "rate", "-y", "-d", task);
        assertThat(r).succeeded();
        int launchCalls = aws.emulator.ledger().calls().size();
        long launchThrottled = throttled();
        int launchPeak = peakPerSecond();
        int launchSettled = peakPerSecondAfterAdapting();

        aws.emulator.ledger().clear();
        assertThat(aws.run("down", "-y", "rate")).succeeded();
        aws.assertNothingAlive();
        int downSettled = peakPerSecondAfterAdapting();
        System.out.println("[reliability] scenario 9 (aws): budget " + BUDGET + "/s, base rate " + BASE_RATE
                + "/s; launch: calls " + launchCalls + ", throttled " + launchThrottled + ", peak " + launchPeak
                + "/s, peak after adapting " + launchSettled + "/s; down: calls " + aws.emulator.ledger().calls().size()
                + ", throttled " + throttled() + ", peak after adapting " + downSettled + "/s; leaks 0");
        // The down is another process: it starts from the rate the launch adapted to (shared through SKY_HOME).
        assertThat(launchThrottled).as("the launch was throttled (the test means something)").isPositive();
        assertThat(launchSettled).as("launch: calls in any second once adapted").isLessThanOrEqualTo((int) BUDGET);
        assertThat(downSettled).as("down: calls in any second once adapted").isLessThanOrEqualTo((int) BUDGET);
        aws.emulator.faults().reset();
    }

    @Test
    void twoConcurrentLaunchesShareOneRateAndTogetherSettleUnderTheBudget() throws Exception {
        aws.emulator.ledger().clear();
        aws.emulator.faults().throttleRate(BUDGET, -1);
        CompletableFuture<CommandResult> a = CompletableFuture.supplyAsync(() -> aws.run("launch", "-c", "two-a",
                "-y", "-d", task));
        CompletableFuture<CommandResult> b = CompletableFuture.supplyAsync(() -> aws.run("launch", "-c", "two-b",
                "-y", "-d", task));
        assertThat(a.get(5, TimeUnit.MINUTES)).succeeded();
        assertThat(b.get(5, TimeUnit.MINUTES)).succeeded();
        int calls = aws.emulator.ledger().calls().size();
        long launchThrottled = throttled();
        int peak = peakPerSecond();
        int settled = peakPerSecondAfterAdapting();
        System.out.println("[reliability] scenario 9 (aws): two concurrent launches, budget " + BUDGET
                + "/s, base rate " + BASE_RATE + "/s: calls " + calls + ", throttled " + launchThrottled + ", peak "
                + peak + "/s, peak after adapting " + settled + "/s (both processes together)");
        assertThat(launchThrottled).as("the launches were throttled (the test means something)").isPositive();
        assertThat(settled).as("both launches together: calls in any second once adapted")
                .isLessThanOrEqualTo((int) BUDGET);
        Path rateFile = aws.sky.skyHome().resolve("ratelimits").resolve("aws-us-east-1.rate");
        System.out.println("[reliability] scenario 9 (aws): shared limiter state after both: "
                + Files.readString(rateFile).trim());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rateFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rateFile.getParent())))
                .isEqualTo("rwx------");
        aws.emulator.faults().reset();
        assertThat(aws.run("down", "-y", "two-a", "two-b")).succeeded();
        aws.assertNothingAlive();
    }

    @Test
    void aThrottledDescribeRightAfterRunInstancesLosesNoInstance() {
        aws.emulator.ledger().clear();
        aws.emulator.faults().throttleDescribeAfterRun(1);
        CommandResult r = aws.run("launch", "-c", "dar", "-y", "-d", task);
        assertThat(r).succeeded();
        assertThat(aws.emulator.ledger().calls("DescribeInstances")).as("the Describe after the create was throttled")
                .anyMatch(c -> "RequestLimitExceeded".equals(c.outcome()));
        assertThat(aws.emulator.liveInstances()).singleElement()
                .satisfies(i -> assertThat(i.tags()).containsEntry("skypilot-cluster-name", "dar"));

        // More throttled Describes than sky retries: the create's wait fails. Whatever was created must be tracked
        // (a row names its cluster) or already gone; `sky down` then leaves nothing.
        aws.emulator.faults().throttleDescribeAfterRun(16);
        CommandResult hard = aws.run("launch", "-c", "dar2", "-y", "-d", task);
        assertThat(hard).noStackTrace();
        List<String> rows = StateDb.clusterNames(aws.sky.skyHome());
        assertThat(aws.emulator.liveInstances()).as("every live instance has a record")
                .allSatisfy(i -> assertThat(rows).contains(i.tags().get("skypilot-cluster-name")));
        System.out.println("[reliability] scenario 9 (aws): Describe throttled after RunInstances: 1 -> launch ok; 16"
                + " -> launch exit " + hard.exitCode() + ", rows " + rows + ", live " + aws.emulator.liveInstances()
                .size());
        aws.emulator.faults().reset();
        assertThat(aws.run("down", "-y", "-a")).succeeded();
        aws.assertNothingAlive();
    }
}
