package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 10 through the CLI against the EC2 emulator: zones are tried in the plan's order, each failed
 * zone once (blocklisted), a multi-node cluster on a region goes zone by zone with all its nodes in one zone, the pinned region is never left, a create that fails half-way (quota) leaves nothing, and a STOPPED cluster is started in place (never terminated or moved) even when no zone has room for new instances.
 * (A start that itself finds no capacity, which the emulator cannot inject, is covered by TeardownAndStartTest.)
 */
class AwsFailoverIT {
    @TempDir
    static Path dir;
    static AwsSky aws;

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
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

    @Test
    void spotZonesAreTriedInPlanOrderWithinThePinnedRegion() {
        String task = aws.sky.task("spot.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                  use_spot: true
                num_nodes: 2
                run: echo failover-ok
                """);
        List<Map<String, Object>> candidates = aws.candidates(task);
        List<String> zones = new ArrayList<>();
        candidates.forEach(c -> {
            String z = (String) c.get("zone");
            if (z != null && !zones.contains(z)) {
                zones.add(z);
            }
        });
        assertThat(zones).as("per-zone spot candidates in us-east-1").hasSizeGreaterThanOrEqualTo(3);
        assertThat(candidates).allMatch(c -> "us-east-1".equals(c.get("region")));
        // The two cheapest zones have no capacity; the third works.
        aws.emulator.faults().insufficientCapacity(zones.get(0), null);
        aws.emulator.faults().insufficientCapacity(zones.get(1), null);
        aws.emulator.ledger().clear();

        CommandResult r = aws.run("launch", "-c", "fo", "-y", "-d", task);

        assertThat(r).succeeded();
        List<String> tried = aws.runInstancesZones().stream().distinct().toList();
        assertThat(tried).as("zones in plan order, each failed one once").containsExactly(zones.get(0), zones.get(1),
                zones.get(2));
        // Each blocked zone gets one attempt; within it the AWS client may retry the call (counted in the figures).
        System.out.println("[reliability] scenario 10 (aws): RunInstances per failed zone: "
                + aws.runInstancesZones().stream().filter(zones.get(0)::equals).count());
        String all = r.stdout() + r.stderr();
        assertThat(all).contains("Launching on AWS us-east-1 (" + zones.get(0) + ")")
                .contains("blocking zone aws/us-east-1/" + zones.get(0))
                .contains("blocking zone aws/us-east-1/" + zones.get(1));
        assertThat(aws.emulator.liveInstances()).as("only the working zone's nodes are alive").hasSize(2)
                .allMatch(i -> i.zone().equals(zones.get(2)));
        assertThat(aws.run("down", "-y", "fo")).succeeded();
        aws.assertNothingAlive();
        aws.emulator.faults().reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMultiNodeClusterOnARegionIsTriedZoneByZoneAndNothingStaysInTheFailedZones() {
        String task = aws.sky.task("zones.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                num_nodes: 2
                run: echo zone-by-zone-ok
                """);
        Map<String, Object> best = aws.candidates(task).get(0);
        assertThat(best.get("zone")).as("an on-demand candidate covers the region").isNull();
        List<String> zones = (List<String>) best.get("zones");
        assertThat(zones).as("the region's zones, cheapest first").hasSizeGreaterThanOrEqualTo(3);
        // The cheapest zone has no capacity; in the second the head is made, then EC2 runs out (a partial create).
        aws.emulator.faults().insufficientCapacity(zones.get(0), null);
        aws.emulator.faults().createThenFail(1);
        aws.emulator.ledger().clear();

        CommandResult r = aws.run("launch", "-c", "zz", "-y", "-d", task);

        assertThat(r).succeeded();
        assertThat(aws.runInstancesZones()).as("every RunInstances names its zone").doesNotContainNull();
        assertThat(aws.runInstancesZones().stream().distinct().toList()).as("zones in the candidate's order")
                .containsExactly(zones.get(0), zones.get(1), zones.get(2));
        String all = r.stdout() + r.stderr();
        assertThat(all).contains("Launching on AWS us-east-1 (" + zones.get(0) + ")")
                .contains("blocking zone aws/us-east-1/" + zones.get(0))
                .contains("blocking zone aws/us-east-1/" + zones.get(1))
                .contains("Launching on AWS us-east-1 (" + zones.get(2) + ")");
        assertThat(aws.emulator.liveInstances()).as("both nodes in the one working zone").hasSize(2)
                .allMatch(i -> i.zone().equals(zones.get(2)));
        assertThat(aws.emulator.allInstances()).as("the failed zone's half-made head was terminated")
                .anyMatch(i -> i.zone().equals(zones.get(1)) && i.state().equals("terminated"));
        assertThat(aws.sky.cluster("zz").orElseThrow().get("zone")).isEqualTo(zones.get(2));
        assertThat(aws.run("down", "-y", "zz")).succeeded();
        aws.assertNothingAlive();
    }

    @Test
    void aQuotaHitHalfwayThroughAMultiNodeCreateLeavesNothing() {
        String task = aws.sky.task("quota.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                num_nodes: 2
                run: echo never
                """);
        // One instance fits the region's quota: the head is created, the worker is refused.
        aws.emulator.faults().instanceQuota("us-east-1", 1);

        CommandResult r = aws.run("launch", "-c", "quota", "-y", "-d", task);

        assertThat(r.exitCode()).as("%s", r).isNotZero();
        assertThat(r).noStackTrace();
        assertThat(aws.emulator.ledger().count("RunInstances")).as("the head was created").isPositive();
        aws.assertNothingAlive();
        assertThat(StateDb.clusterNames(aws.sky.skyHome())).doesNotContain("quota");
    }

    @Test
    void everyZoneFullEndsWithTheReasonsTableAndNoRecord() {
        String task = aws.sky.task("full.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                  use_spot: true
                run: echo never
                """);
        aws.emulator.faults().insufficientCapacity(null, null);

        CommandResult r = aws.run("launch", "-c", "full", "-y", "-d", task);

        assertThat(r).exitedWith(3).noStackTrace();
        assertThat(r.stdout() + r.stderr()).contains("Failover history").contains("InsufficientInstanceCapacity");
        assertThat(StateDb.clusterNames(aws.sky.skyHome())).doesNotContain("full");
        aws.assertNothingAlive();
        aws.emulator.faults().reset();
    }

    @Test
    void aStoppedClusterIsStartedInPlaceEvenWhenNoZoneHasCapacityForNewInstances() {
        String task = aws.sky.task("od.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                run: echo up
                """);
        assertThat(aws.run("launch", "-c", "st", "-y", "-d", task)).succeeded();
        assertThat(aws.run("stop", "-y", "st")).succeeded();
        var stopped = aws.emulator.allInstances().stream().filter(i -> i.state().equals("stopped")).toList();
        assertThat(stopped).hasSize(1);
        aws.emulator.faults().insufficientCapacity(null, null);
        aws.emulator.ledger().clear();

        CommandResult relaunch = aws.run("launch", "-c", "st", "-y", "-d", task);

        assertThat(relaunch).succeeded();
        assertThat(aws.emulator.ledger().count("TerminateInstances")).as("never terminated").isZero();
        assertThat(aws.emulator.ledger().count("RunInstances")).as("never moved or re-created").isZero();
        assertThat(aws.emulator.ledger().count("StartInstances")).as("started in place").isPositive();
        assertThat(aws.emulator.liveInstances()).hasSize(1).allMatch(i -> i.id().equals(stopped.get(0).id())
                && i.zone().equals(stopped.get(0).zone()) && i.state().equals("running"));
        assertThat(aws.sky.cluster("st").orElseThrow().get("status")).isEqualTo("UP");
    }
}
