package dev.sky.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 3 on AWS through the emulator: launch, exec, status --refresh and down on one cluster at once.
 * The ledger never shows more than num_nodes instances of the cluster, every failure is one clear line, and the end
 * state is consistent (a record exactly when instances are alive: a down that won is not undone by a refresh).
 * {@code mvn verify}: one round of 8 processes; {@code -Dsky.reliability=full}: 50 rounds of 16.
 */
class AwsConcurrencyIT {
    static final String CLUSTER_TAG = "skypilot-cluster-name";
    @TempDir
    static Path dir;
    static AwsSky aws;

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
        // Each command says on stderr how long it waited for the cluster lock (sky-timing: lock_wait_ms=N ...).
        aws.sky.env("SKY_DEBUG_TIMINGS", "1");
    }

    private static final Pattern LOCK_WAIT = Pattern.compile("^sky-timing: lock_wait_ms=(\\d+) ", Pattern.MULTILINE);

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void concurrentCommandsOnOneClusterNeverDoubleItsNodes() throws Exception {
        boolean full = "full".equals(System.getProperty("sky.reliability"));
        int rounds = full ? 50 : 1;
        int scale = full ? 2 : 1;
        String task = aws.sky.task("conc.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                run: echo hi
                """);
        AtomicInteger maxAlive = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                int alive = (int) aws.emulator.liveInstances().stream()
                        .filter(i -> "x".equals(i.tags().get(CLUSTER_TAG))).count();
                maxAlive.accumulateAndGet(alive, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        int confusing = 0;
        int failures = 0;
        long maxLockWait = 0;
        int lockWaits = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                List<Background> procs = new ArrayList<>();
                for (int i = 0; i < 4 * scale; i++) {
                    procs.add(aws.sky.start("launch", "-c", "x", "-y", "-d", task));
                }
                for (int i = 0; i < 2 * scale; i++) {
                    procs.add(aws.sky.start("exec", "-d", "x", "--", "echo", "exec"));
                }
                procs.add(aws.sky.start("status", "--refresh"));
                procs.add(aws.sky.start("down", "-y", "x"));
                if (full) {
                    procs.add(aws.sky.start("status", "--refresh"));
                    procs.add(aws.sky.start("down", "-y", "x"));
                }
                for (Background b : procs) {
                    CommandResult r = b.await(Duration.ofMinutes(10));
                    Matcher m = LOCK_WAIT.matcher(r.stderr());
                    while (m.find()) {
                        lockWaits++;
                        maxLockWait = Math.max(maxLockWait, Long.parseLong(m.group(1)));
                    }
                    if (r.exitCode() != 0) {
                        failures++;
                        String err = r.stderr();
                        if (err.contains("\tat ") || err.lines().noneMatch(l -> l.startsWith("sky: "))) {
                            confusing++;
                            System.out.println("[reliability] scenario 3 (aws): confusing failure: " + r);
                        }
                    }
                }
                long alive = aws.emulator.liveInstances().stream()
                        .filter(i -> "x".equals(i.tags().get(CLUSTER_TAG))).count();
                boolean recorded = StateDb.clusterNames(aws.sky.skyHome()).contains("x");
                assertThat(recorded).as("round %d: a record exactly when instances are alive (%d alive)", round,
                        alive).isEqualTo(alive > 0);
                assertThat(aws.run("down", "-y", "-a").exitCode()).isZero();
                aws.assertNothingAlive();
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        System.out.println("[reliability] scenario 3 (aws): rounds=" + rounds + " maxAlive=" + maxAlive.get()
                + " failures=" + failures + " confusing=" + confusing + " maxLockWait=" + maxLockWait + "ms"
                + " lockAcquisitions=" + lockWaits);
        assertThat(lockWaits).as("every command that took the lock reported its wait").isPositive();
        assertThat(maxAlive.get()).as("instances of x alive at once").isLessThanOrEqualTo(1);
        assertThat(confusing).isZero();
    }
}
