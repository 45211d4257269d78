package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.Ec2Emulator.InstanceView;
import dev.sky.clouds.aws.emulator.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 9 on AWS, throttling of a random fraction p of all EC2 calls (seeded, RequestLimitExceeded,
 * with or without a Retry-After hint): a 1-node launch then its down, per run. Every run must leak nothing (an alive
 * instance always has a record; after down nothing is alive and no row is left). While p &lt;= 0.5 no run may end in
 * error; at p = 0.9 a launch or down may fail, but only cleanly (one {@code sky:} line, non-zero exit, no stack trace,
 * nothing alive without a record), and the next {@code sky down} must clean up. {@code mvn verify} runs once at
 * p = 0.5 with the hint; {@code -Dsky.reliability=full} runs {@code sky.reliability.runs} (default 5) per (p, hint)
 * for p in {0.2, 0.5, 0.9} ({@code sky.reliability.fractions=0.9} picks some). {@code -Dsky.reliability.seed=} replays
 * the throttled calls of a run (as far as sky's calls come in the same order).
 */
class AwsThrottleFractionIT {
    static final String CLUSTER_TAG = "skypilot-cluster-name";
    static final long HINT_SECONDS = 1;
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
                run: echo fraction-ok
                """);
        // One launch before any throttling: sky's cloud check (cached for later commands) and the key pair.
        assertThat(aws.run("launch", "-c", "warm", "-y", "-d", task)).succeeded();
        assertThat(aws.run("down", "-y", "warm")).succeeded();
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.emulator.faults().reset();
            aws.run("down", "-y", "-a");
            aws.close();
        }
    }

    /**
     * What one (p, hint) series measured. retries/op: throttled answers per EC2 operation, an operation being a call
     * that was answered in the end or the one call a failed command gave up on.
     */
    static final class Series {
        final double p;
        final boolean hint;
        int runs;
        int launchErrors;
        int downErrors;
        int leaks;
        long throttled;
        long answered;
        long throttledInLaunches;
        long throttledInDowns;
        int peakPerSecond;
        final List<Long> wallMs = new ArrayList<>();

        Series(double p, boolean hint) {
            this.p = p;
            this.hint = hint;
        }

        String line(long baselineMs, long seed) {
            long wall = wallMs.stream().mapToLong(Long::longValue).sum() / Math.max(1, wallMs.size());
            return String.format(Locale.ROOT, "[reliability] scenario 9 (aws): p=%.1f hint=%s runs=%d errors=%d"
                    + " (launch %d, down %d) leaks=%d retries/op=%.2f throttled/launch=%.1f throttled/down=%.1f"
                    + " peak=%d/s (no budget) extraWall=%.1fs (run %.1fs vs %.1fs unthrottled) seed=%d", p,
                    hint ? HINT_SECONDS + "s" : "none", runs, launchErrors + downErrors, launchErrors, downErrors,
                    leaks, (double) throttled / Math.max(1, answered + launchErrors + downErrors),
                    (double) throttledInLaunches / runs,
                    (double) throttledInDowns / runs, peakPerSecond, (wall - baselineMs) / 1000.0, wall / 1000.0,
                    baselineMs / 1000.0, seed);
        }
    }

    @Test
    void aThrottledFractionOfCallsSlowsLaunchAndDownButLeaksNothing() {
        boolean full = "full".equals(System.getProperty("sky.reliability"));
        long seed = Long.getLong("sky.reliability.seed", System.nanoTime());
        int runsEach = full ? Integer.getInteger("sky.reliability.runs", 5) : 1;
        double[] fractions = parseFractions(System.getProperty("sky.reliability.fractions",
                full ? "0.2,0.5,0.9" : "0.5"));
        boolean[] hints = full ? new boolean[] {false, true} : new boolean[] {true};

        long baselineMs = launchAndDown("base", null, null);
        int run = 0;
        List<Series> series = new ArrayList<>();
        for (double p : fractions) {
            for (boolean hint : hints) {
                Series s = new Series(p, hint);
                for (int k = 0; k < runsEach; k++, run++) {
                    aws.emulator.faults().throttleFraction(p, seed + run, hint ? HINT_SECONDS : -1);
                    String why = String.format(Locale.ROOT, "seed %d, run %d (p=%.1f, hint %s)", seed, run, p, hint);
                    s.wallMs.add(launchAndDown("f" + run, s, why));
                    s.runs++;
                }
                series.add(s);
                System.out.println(s.line(baselineMs, seed));
            }
        }
        series.forEach(s -> System.out.println(s.line(baselineMs, seed)));
        // Asserted after every series ran, so that one failing p still reports the others.
        for (Series s : series) {
            if (s.p <= 0.5) {
                assertThat(s.launchErrors + s.downErrors).as("runs ending in error at p=%s: %s", s.p,
                        s.line(baselineMs, seed)).isZero();
            }
        }
    }

    /**
     * Launches {@code c}, then downs it, under whatever throttling is set, and audits the ledger after each; returns
     * the wall time of both. {@code s} null: an unthrottled baseline, which must succeed.
     */
    private long launchAndDown(String c, Series s, String why) {
        forgetSharedRate();
        aws.emulator.ledger().clear();
        long t0 = System.nanoTime();
        CommandResult launch = aws.run("launch", "-c", c, "-y", "-d", task);
        long launchMs = (System.nanoTime() - t0) / 1_000_000;
        List<Ledger.Call> launchCalls = aws.emulator.ledger().calls();
        if (s == null) {
            assertThat(launch).succeeded();
        } else if (launch.exitCode() != 0) {
            assertCleanFailure(launch, why + ", launch");
            s.launchErrors++;
        }
        assertEveryAliveInstanceHasARecord(why + ", after launch");

        aws.emulator.ledger().clear();
        long t1 = System.nanoTime();
        if (StateDb.clusterNames(aws.sky.skyHome()).contains(c)) {
            CommandResult down = aws.run("down", "-y", c);
            if (s == null) {
                assertThat(down).succeeded();
            } else if (down.exitCode() != 0) {
                assertCleanFailure(down, why + ", down");
                s.downErrors++;
                assertEveryAliveInstanceHasARecord(why + ", after a failed down");
            }
        }
        long downMs = (System.nanoTime() - t1) / 1_000_000;
        List<Ledger.Call> downCalls = aws.emulator.ledger().calls();
        if (s != null) {
            s.throttledInLaunches += throttled(launchCalls);
            s.throttledInDowns += throttled(downCalls);
            s.throttled += throttled(launchCalls) + throttled(downCalls);
            s.answered += launchCalls.size() + downCalls.size() - throttled(launchCalls) - throttled(downCalls);
            s.peakPerSecond = Math.max(s.peakPerSecond, Math.max(peakPerSecond(launchCalls),
                    peakPerSecond(downCalls)));
        }
        // What a failed down left, the next down (throttling off) must clean up.
        aws.emulator.faults().reset();
        if (StateDb.clusterNames(aws.sky.skyHome()).contains(c)) {
            assertThat(s).as("%s: the unthrottled baseline's down left its row", why).isNotNull();
            assertThat(aws.run("down", "-y", c)).as(why + ", the down after a failed one").succeeded();
        }
        List<InstanceView> alive = aws.emulator.liveInstances();
        boolean rowLeft = StateDb.clusterNames(aws.sky.skyHome()).contains(c);
        if (s != null && (!alive.isEmpty() || rowLeft)) {
            s.leaks++;
        }
        assertThat(alive).as("%s: alive after down", why).isEmpty();
        assertThat(rowLeft).as("%s: row left after down", why).isFalse();
        return launchMs + downMs;
    }

    /** A failure the user can act on: non-zero exit, one {@code sky:} line, no stack trace. */
    private static void assertCleanFailure(CommandResult r, String why) {
        assertThat(r).as(why).noStackTrace();
        long skyLines = (r.stdout() + "\n" + r.stderr()).lines().filter(l -> l.startsWith("sky: ")).count();
        assertThat(skyLines).as("%s: one sky: line%n%s", why, r).isEqualTo(1);
    }

    private static void assertEveryAliveInstanceHasARecord(String why) {
        Set<String> rows = Set.copyOf(StateDb.clusterNames(aws.sky.skyHome()));
        assertThat(aws.emulator.liveInstances()).as("%s: every alive instance has a record", why)
                .allSatisfy(i -> assertThat(rows).contains(i.tags().get(CLUSTER_TAG)));
    }

    /** Each run starts from the base rate: the limiter's state is shared through SKY_HOME across commands. */
    private static void forgetSharedRate() {
        Path shared = aws.sky.skyHome().resolve("ratelimits");
        if (!Files.isDirectory(shared)) {
            return;
        }
        try (var files = Files.list(shared)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long throttled(List<Ledger.Call> calls) {
        return calls.stream().filter(c -> "RequestLimitExceeded".equals(c.outcome())).count();
    }

    private static int peakPerSecond(List<Ledger.Call> calls) {
        List<Long> at = calls.stream().map(c -> c.at().toEpochMilli()).sorted().toList();
        int peak = 0;
        int lo = 0;
        for (int hi = 0; hi < at.size(); hi++) {
            while (at.get(hi) - at.get(lo) >= 1000) {
                lo++;
            }
            peak = Math.max(peak, hi - lo + 1);
        }
        return peak;
    }

    /** "0.2,0.5" as numbers. */
    private static double[] parseFractions(String list) {
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].strip());
        }
        return out;
    }
}
