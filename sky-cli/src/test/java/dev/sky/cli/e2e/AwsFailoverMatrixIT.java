package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.e2e.FailoverCase.Location;
import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.Ec2Emulator.InstanceView;
import dev.sky.clouds.aws.emulator.Ledger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 10 on AWS, a randomized failover matrix: infra unpinned ({@code aws}: every region of the
 * catalog a candidate), pinned to a region, or pinned to a zone; 1 or 2 nodes, on-demand or (one case in four) spot,
 * whose candidates are single zones; zones without capacity, zones with
 * room for fewer nodes than asked (partial success), region quotas. For each case the expected attempts come from the
 * plan ({@code sky launch --dryrun --json}) and the documented rules ({@link FailoverCase#expect}); the emulator's
 * ledger must show exactly those locations in that order (so no failed location is tried twice and no pin is left),
 * the nodes of a failed attempt terminated before the next attempt starts, the cluster in the first location with
 * room, or the reasons table and no record when none has room. {@code mvn verify} runs 3 cases;
 * {@code -Dsky.reliability=full} {@code sky.reliability.cases} (default 50). {@code -Dsky.reliability.seed=} replays.
 */
class AwsFailoverMatrixIT {
    static final String CLUSTER_TAG = "skypilot-cluster-name";
    @TempDir
    static Path dir;
    static AwsSky aws;
    /** The unpinned plan per node count and spot, where pinned cases pick their region or zone. */
    static final Map<String, List<Map<String, Object>>> UNPINNED = new HashMap<>();

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
        aws.sky.env("SKY_TIME_SCALE", "0.2");
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.emulator.faults().reset();
            aws.run("down", "-y", "-a");
            aws.close();
        }
    }

    @Test
    void failoverFollowsThePlanAcrossARandomMatrixOfZonesAndRegions() {
        boolean full = "full".equals(System.getProperty("sky.reliability"));
        long seed = Long.getLong("sky.reliability.seed", System.nanoTime());
        int cases = full ? Integer.getInteger("sky.reliability.cases", 50) : 3;
        Random random = new Random(seed);
        List<Integer> attemptsToSuccess = new ArrayList<>();
        List<Long> timeToSuccessMs = new ArrayList<>();
        int failedCases = 0;
        for (int k = 0; k < cases; k++) {
            String why = "seed " + seed + ", case " + k;
            int nodes = random.nextInt(3) == 0 ? 1 : 2;
            boolean spot = random.nextInt(4) == 0;
            String infra = infra(random, nodes, spot);
            String task = task(k, infra, nodes, spot);
            List<Map<String, Object>> candidates = aws.candidates(task);
            FailoverCase fc = FailoverCase.random(random, infra, nodes, candidates);
            FailoverCase.Expected expected = fc.expect(candidates);
            why += " (" + fc + (spot ? " spot" : "") + ")";

            aws.emulator.faults().reset();
            fc.apply(aws.emulator.faults());
            aws.emulator.ledger().clear();
            String c = "m" + k;
            long t0 = System.nanoTime();
            CommandResult r = aws.run("launch", "-c", c, "-y", "-d", task);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<Ledger.Call> runs = aws.emulator.ledger().calls("RunInstances");

            List<Location> tried = triedLocations(runs);
            assertThat(tried).as("%s: locations tried, in order (expected from the plan %s)", why,
                    FailoverCase.attempts(candidates, nodes)).isEqualTo(expected.attempts());
            assertThat(Set.copyOf(tried)).as("%s: no location tried twice", why).hasSize(tried.size());
            assertInsidePin(infra, runs, why);
            assertFailedAttemptsCleanedUpBeforeTheNext(c, runs, expected, why);

            List<InstanceView> alive = aws.emulator.liveInstances();
            if (expected.success() != null) {
                assertThat(r).as(why).succeeded();
                Location at = expected.success();
                assertThat(alive).as("%s: the cluster's nodes, all in %s", why, at).hasSize(nodes).allMatch(i ->
                        c.equals(i.tags().get(CLUSTER_TAG)) && i.region().equals(at.region())
                                && (at.zone() == null || i.zone().equals(at.zone())));
                attemptsToSuccess.add(tried.size());
                timeToSuccessMs.add(ms);
                aws.emulator.faults().reset();
                assertThat(aws.run("down", "-y", c)).as(why).succeeded();
            } else {
                failedCases++;
                assertThat(r).as(why).exitedWith(3).noStackTrace();
                assertThat(r.stdout() + r.stderr()).as(why).contains("Failover history");
                assertThat(StateDb.clusterNames(aws.sky.skyHome())).as("%s: no record", why).doesNotContain(c);
            }
            aws.assertNothingAlive();
            assertThat(StateDb.clusterNames(aws.sky.skyHome())).as("%s: no row left", why).doesNotContain(c);
            System.out.println("[reliability] scenario 10 (aws): case " + k + " " + fc + (spot ? " spot" : "")
                    + " tried " + tried
                    + (expected.success() == null ? " -> none had room" : " -> up in " + expected.success()) + " "
                    + ms + " ms");
        }
        attemptsToSuccess.sort(Integer::compare);
        timeToSuccessMs.sort(Long::compare);
        System.out.println("[reliability] scenario 10 (aws): cases=" + cases + " seed=" + seed + " succeeded="
                + attemptsToSuccess.size() + " noRoom=" + failedCases + " attemptsToSuccess p50/max="
                + pct(attemptsToSuccess, 50) + "/" + pct(attemptsToSuccess, 100)
                + " orderViolations=0 leakedPartial=0 timeToSuccess p50/p99=" + pct(timeToSuccessMs, 50) + "/"
                + pct(timeToSuccessMs, 99) + " ms");
    }

    /** Unpinned one time in two; else a region of the unpinned plan, or a zone of one. */
    private static String infra(Random random, int nodes, boolean spot) {
        int pick = random.nextInt(10);
        if (pick < 5) {
            return "aws";
        }
        List<Map<String, Object>> all = UNPINNED.computeIfAbsent(nodes + "/" + spot,
                key -> aws.candidates(task(-1, "aws", nodes, spot)));
        String region = (String) all.get(random.nextInt(Math.min(4, all.size()))).get("region");
        if (pick < 8) {
            return "aws/" + region;
        }
        List<String> zones = FailoverCase.zonesOf(all, region);
        return "aws/" + region + "/" + zones.get(random.nextInt(zones.size()));
    }

    private static String task(int k, String infra, int nodes, boolean spot) {
        return aws.sky.task("matrix-" + k + ".yaml", """
                resources:
                  infra: %s
                  cpus: 2
                  use_spot: %s
                num_nodes: %d
                run: echo matrix-ok
                """.formatted(infra, spot, nodes));
    }

    /** The RunInstances calls grouped into attempts: consecutive calls in the same region and zone. */
    private static List<Location> triedLocations(List<Ledger.Call> runs) {
        List<Location> out = new ArrayList<>();
        for (Ledger.Call call : runs) {
            Location at = new Location(call.region(), call.params().get("Placement.AvailabilityZone"));
            if (out.isEmpty() || !out.get(out.size() - 1).equals(at)) {
                out.add(at);
            }
        }
        return out;
    }

    private static void assertInsidePin(String infra, List<Ledger.Call> runs, String why) {
        String[] pin = infra.split("/");
        for (Ledger.Call call : runs) {
            if (pin.length > 1) {
                assertThat(call.region()).as("%s: inside the pinned region", why).isEqualTo(pin[1]);
            }
            if (pin.length > 2) {
                assertThat(call.params().get("Placement.AvailabilityZone")).as("%s: inside the pinned zone", why)
                        .isEqualTo(pin[2]);
            }
        }
    }

    /**
     * Every instance a failed attempt made (the cluster's instances in a failed attempt's zone) is named in a
     * successful TerminateInstances before the next attempt's first RunInstances.
     */
    private static void assertFailedAttemptsCleanedUpBeforeTheNext(String cluster, List<Ledger.Call> runs,
                                                                   FailoverCase.Expected expected, String why) {
        List<Ledger.Call> terminations = aws.emulator.ledger().calls("TerminateInstances").stream()
                .filter(t -> "ok".equals(t.outcome())).toList();
        for (Location failed : expected.attempts()) {
            if (failed.equals(expected.success())) {
                continue;
            }
            List<String> made = aws.emulator.allInstances().stream()
                    .filter(i -> cluster.equals(i.tags().get(CLUSTER_TAG)) && i.region().equals(failed.region())
                            && (failed.zone() == null || i.zone().equals(failed.zone())))
                    .map(InstanceView::id).toList();
            Instant nextStart = runs.stream().filter(call -> call.at().isAfter(lastRunIn(runs, failed)))
                    .filter(call -> !new Location(call.region(), call.params().get("Placement.AvailabilityZone"))
                            .equals(failed)).map(Ledger.Call::at).findFirst().orElse(Instant.MAX);
            for (String id : made) {
                assertThat(terminations).as("%s: %s made in failed %s is terminated before the next attempt", why,
                        id, failed).anyMatch(t -> t.at().isBefore(nextStart) && t.params().containsValue(id));
            }
        }
    }

    private static Instant lastRunIn(List<Ledger.Call> runs, Location at) {
        return runs.stream().filter(call -> Objects.equals(call.region(), at.region())
                && Objects.equals(call.params().get("Placement.AvailabilityZone"), at.zone()))
                .map(Ledger.Call::at).max(Instant::compareTo).orElse(Instant.MIN);
    }

    private static <T extends Comparable<T>> String pct(List<T> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.valueOf(sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)));
    }
}
