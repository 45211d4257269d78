package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.clouds.aws.emulator.EmulatorClients;
import dev.sky.provision.runtime.NodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Reliability scenarios 7 (reconciliation with drift applied through the EC2 API, not through sky) and 8 (idempotent
 * create and delete) through the CLI against the EC2 emulator.
 */
class AwsDriftIT {
    static final String CLUSTER_TAG = "skypilot-cluster-name";
    /** The launch's progress line for the workdir, e.g. "Syncing the workdir (...) to 1 node(s): 0 file(s), 0 B sent". */
    private static final Pattern WORKDIR_SENT = Pattern.compile(
            "Syncing the workdir .*?: (\\d+) file\\(s\\), ([0-9.]+ [KM]?B) sent");
    @TempDir
    static Path dir;
    static AwsSky aws;
    static Ec2Client ec2;
    static String oneNode;
    static String twoNodes;

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
        ec2 = EmulatorClients.ec2(aws.emulator, "us-east-1");
        oneNode = aws.sky.task("one.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                  disk_tier: high
                setup: echo setup >> ~/setup-runs
                run: echo hello
                """);
        twoNodes = aws.sky.task("two.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                num_nodes: 2
                run: echo hello
                """);
    }

    @AfterEach
    void cleanUp() {
        aws.emulator.faults().reset();
        aws.run("down", "-y", "-a");
        aws.assertNothingAlive();
    }

    @AfterAll
    static void stop() {
        if (ec2 != null) {
            ec2.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> refreshVerdicts() {
        CommandResult r = aws.run("status", "--refresh", "--json");
        assertThat(r).succeeded();
        Map<String, Object> out = MiniJson.object(r.stdout().trim());
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) out.getOrDefault("refresh", List.of())) {
            verdicts.put((String) n.get("name"), (String) n.get("verdict"));
        }
        return verdicts;
    }

    @Test
    void refreshClassifiesDriftAndRemovesRecordsOnlyAfterTheGracePeriod() {
        for (String c : List.of("d-gone", "d-stopped", "d-healthy")) {
            assertThat(aws.run("launch", "-c", c, "-y", "-d", oneNode)).succeeded();
        }
        assertThat(aws.run("launch", "-c", "d-partial", "-y", "-d", twoNodes)).succeeded();
        ec2.terminateInstances(b -> b.instanceIds(aws.instanceIds("d-gone")));
        ec2.stopInstances(b -> b.instanceIds(aws.instanceIds("d-stopped")));
        ec2.terminateInstances(b -> b.instanceIds(aws.instanceIds("d-partial").get(1)));
        aws.emulator.awaitNodeWork();

        Map<String, String> first = refreshVerdicts();

        assertThat(first).containsEntry("d-gone", "ABSENT_WITHIN_GRACE").containsEntry("d-stopped", "STOPPED")
                .containsEntry("d-partial", "PARTIAL").doesNotContainKey("d-healthy");
        assertThat(aws.sky.cluster("d-stopped").orElseThrow().get("status")).isEqualTo("STOPPED");
        assertThat(aws.sky.cluster("d-partial").orElseThrow().get("status")).isEqualTo("INIT");
        assertThat(aws.sky.cluster("d-healthy").orElseThrow().get("status")).isEqualTo("UP");
        assertThat(aws.sky.cluster("d-gone")).as("kept within the grace period").isPresent();

        // The grace period is 60 s scaled by SKY_TIME_SCALE (1.2 s here); poll until the absence is confirmed.
        Poll.until("refresh removes d-gone", Duration.ofMinutes(1), () -> {
            refreshVerdicts();
            return aws.sky.cluster("d-gone").isEmpty();
        });
        assertThat(aws.sky.cluster("d-gone")).isEmpty();
        assertThat(aws.sky.cluster("d-healthy").orElseThrow().get("status")).as("never demoted").isEqualTo("UP");

        for (String c : List.of("d-stopped", "d-partial", "d-healthy")) {
            assertThat(aws.run("down", "-y", c)).succeeded();
        }
        aws.assertNothingAlive();
    }

    @Test
    void aDeadRuntimeOnALiveNodeIsInitUntilStartAndAFrozenHeadStaysUp() throws Exception {
        String longJob = aws.sky.task("long.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                run: sleep 600
                """);
        for (String c : List.of("rt-files", "rt-frozen", "rt-healthy")) {
            assertThat(aws.run("launch", "-c", c, "-y", "-d", oneNode)).succeeded();
        }
        assertThat(aws.run("launch", "-c", "rt-sched", "-y", "-d", longJob)).succeeded();
        Path sched = aws.headNodeDir("rt-sched");
        Poll.until("the job runs", Duration.ofMinutes(1), () -> NodeFiles.readOrEmpty(sched.resolve("jobs/1/status")).equals("RUNNING"));
        // Drifts on live nodes: the runtime's entry script removed; the scheduler daemon killed while a job runs.
        Path runtime = aws.emulator.nodeHome(aws.instanceIds("rt-files").get(0)).resolve(".sky/runtime/"
                + NodeRuntime.version());
        Files.delete(runtime.resolve("sky-rt"));
        long schedulerPid = Long.parseLong(Files.readString(sched.resolve("scheduler.pid")).strip());
        Procs.signal(schedulerPid, "KILL");
        Poll.until("the scheduler is dead", Duration.ofSeconds(30), () -> ProcessHandle.of(schedulerPid)
                .map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE);
        // A transient SSH failure: the head's SSH server frozen (SIGSTOP) while the cloud says the node runs.
        long frozen = aws.emulator.nodeHostPid(aws.instanceIds("rt-frozen").get(0)).orElseThrow();
        Map<String, Map<String, Object>> first;
        long refreshMs;
        Procs.signal(frozen, "STOP");
        try {
            long t0 = System.nanoTime();
            first = aws.refreshOutcomes();
            refreshMs = (System.nanoTime() - t0) / 1_000_000;
        } finally {
            Procs.signal(frozen, "CONT");
        }

        assertThat(first.get("rt-files")).containsEntry("verdict", "RUNTIME_DOWN");
        assertThat((String) first.get("rt-files").get("note")).contains("the runtime's files are damaged")
                .contains("sky start rt-files");
        assertThat(first.get("rt-sched")).containsEntry("verdict", "RUNTIME_DOWN");
        assertThat((String) first.get("rt-sched").get("note")).contains("the job scheduler daemon is down")
                .contains("sky start rt-sched");
        assertThat(first.get("rt-frozen")).containsEntry("verdict", "HEAD_NO_ANSWER");
        assertThat(first).doesNotContainKey("rt-healthy");
        assertThat(aws.sky.cluster("rt-files").orElseThrow().get("status")).isEqualTo("INIT");
        assertThat(aws.sky.cluster("rt-sched").orElseThrow().get("status")).isEqualTo("INIT");
        assertThat(aws.sky.cluster("rt-frozen").orElseThrow().get("status")).as("never demoted").isEqualTo("UP");
        assertThat(aws.sky.cluster("rt-healthy").orElseThrow().get("status")).isEqualTo("UP");

        // The hinted fixes: start, or launch again, reinstall the runtime and restart its daemons; the running job
        // is untouched, and no instance is created.
        int runs = aws.emulator.ledger().count("RunInstances");
        assertThat(aws.run("start", "-y", "rt-files")).succeeded();
        assertThat(aws.run("launch", "-c", "rt-sched", "-y", "-d", longJob)).succeeded();
        long t1 = System.nanoTime();
        Map<String, Map<String, Object>> after = aws.refreshOutcomes();
        long healthyRefreshMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(after).as("every cluster healthy now").isEmpty();
        for (String c : List.of("rt-files", "rt-sched", "rt-frozen", "rt-healthy")) {
            assertThat(aws.sky.cluster(c).orElseThrow().get("status")).as(c).isEqualTo("UP");
        }
        assertThat(NodeFiles.readOrEmpty(sched.resolve("jobs/1/status"))).as("the job runs on").isEqualTo("RUNNING");
        assertThat(aws.emulator.ledger().count("RunInstances")).as("no new instance").isEqualTo(runs);
        long correct = java.util.stream.Stream.of(first.get("rt-files").get("verdict").equals("RUNTIME_DOWN"),
                first.get("rt-sched").get("verdict").equals("RUNTIME_DOWN"),
                first.get("rt-frozen").get("verdict").equals("HEAD_NO_ANSWER"),
                !first.containsKey("rt-healthy")).filter(b -> b).count();
        System.out.println("[reliability] scenario 7 (aws, runtime): classified " + correct + "/4 (runtime-down 2,"
                + " head frozen 1, healthy 1); false demotions 0; recovered 2/2 (`sky start`, `sky launch -c`); refresh of 4 UP"
                + " clusters " + refreshMs + " ms with a frozen head, " + healthyRefreshMs + " ms all healthy");
    }

    /** The workdir sync's own count from a launch's progress line: files sent, and the bytes as printed. */
    private static String[] workdirSent(CommandResult launch) {
        Matcher m = WORKDIR_SENT.matcher(launch.stderr());
        assertThat(m.find()).as("workdir sync line in %s", launch.stderr()).isTrue();
        return new String[] {m.group(1), m.group(2)};
    }

    @Test
    void relaunchingAnUpClusterCreatesNothingAndDownIsIdempotent() throws Exception {
        Path workdir = Files.createDirectories(dir.resolve("idem-workdir/src"));
        for (int f = 0; f < 20; f++) {
            Files.writeString(workdir.resolve("file-" + f + ".txt"), "line\n".repeat(50 + f));
        }
        String task = aws.sky.task("idem.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                  disk_tier: high
                workdir: %s
                setup: echo setup >> ~/setup-runs
                run: echo hello
                """.formatted(workdir.getParent()));
        CommandResult first = aws.run("launch", "-c", "idem", "-y", "-d", task);
        assertThat(first).succeeded();
        assertThat(workdirSent(first)[0]).as("the first launch sends every file").isEqualTo("20");
        int runs = aws.emulator.ledger().count("RunInstances");
        int relaunches = "full".equals(System.getProperty("sky.reliability")) ? 5 : 2;
        long filesResent = 0;
        String bytesResent = "";
        for (int i = 0; i < relaunches; i++) {
            CommandResult again = aws.run("launch", "-c", "idem", "-y", "-d", "--fast", task);
            assertThat(again).succeeded();
            String[] sent = workdirSent(again);
            filesResent += Long.parseLong(sent[0]);
            bytesResent = sent[1];
            assertThat(sent).as("relaunch %d: nothing re-sent", i).containsExactly("0", "0 B");
        }
        int extraInstances = aws.emulator.ledger().count("RunInstances") - runs;
        assertThat(extraInstances).as("no new instances").isZero();
        assertThat(aws.instanceIds("idem")).hasSize(1);
        Path setupRuns = aws.emulator.nodeHome(aws.instanceIds("idem").get(0)).resolve("setup-runs");
        long setups = Files.readAllLines(setupRuns).size();
        assertThat(setups).as("setup ran at the first launch only").isEqualTo(1);
        // The count is live: one changed file is sent, and only that one.
        Files.writeString(workdir.resolve("file-3.txt"), "changed\n");
        CommandResult changed = aws.run("launch", "-c", "idem", "-y", "-d", "--fast", task);
        assertThat(changed).succeeded();
        assertThat(workdirSent(changed)).containsExactly("1", "8 B");
        // disk_tier: high reached EC2 as SkyPilot sets it: gp3 with 7000 IOPS and 437 MB/s.
        var volume = ec2.describeVolumes(b -> b.filters(f -> f.name("attachment.instance-id").values(aws.instanceIds("idem"))))
                .volumes().get(0);
        assertThat(volume.volumeTypeAsString()).isEqualTo("gp3");
        assertThat(volume.iops()).isEqualTo(7000);
        assertThat(volume.throughput()).isEqualTo(437);

        // (d) terminate fails twice, then works: retried, and the record goes only after it is confirmed.
        aws.emulator.faults().failTerminations(2, null);
        CommandResult down = aws.run("down", "-y", "idem");
        assertThat(down).succeeded();
        aws.assertNothingAlive();
        assertThat(StateDb.clusterNames(aws.sky.skyHome())).doesNotContain("idem");
        System.out.println("[reliability] scenario 8 (aws): relaunches=" + relaunches + " extraInstances="
                + extraInstances + " setupRuns=" + setups + " filesResyncedOnNoOpLaunch=" + filesResent
                + " bytesResyncedOnNoOpLaunch=" + bytesResent + " (one changed file: 1 file, 8 B)"
                + " rowsDeletedWhileAlive=0 (down after 2 failed terminates: row gone, 0 instances alive)");

        // (b) down again: the history shows it ended, so it is "already terminated", exit 0, and no cloud call.
        int callsBefore = aws.emulator.ledger().calls().size();
        CommandResult again = aws.run("down", "-y", "idem");
        assertThat(again).succeeded();
        assertThat(again.stdout()).contains("Cluster 'idem' is already terminated.");
        assertThat(aws.emulator.ledger().calls()).as("no cloud call").hasSize(callsBefore);
        // A name sky never knew is still an error.
        assertThat(aws.run("down", "-y", "never-launched")).exitedWith(4).noStackTrace();
        aws.emulator.faults().reset();
    }

    @Test
    void terminateThatReportsSuccessButLeavesTheInstanceRunningKeepsTheRecord() {
        assertThat(aws.run("launch", "-c", "silent", "-y", "-d", oneNode)).succeeded();
        List<String> before = aws.instanceIds("silent");
        aws.emulator.faults().silentTerminations(10);

        CommandResult down = aws.run("down", "-y", "silent");

        // (e) EC2 said "shutting-down" every time but the instance runs on: the record stays, sky says what to do.
        assertThat(down).exitedWith(1).noStackTrace();
        assertThat(down.stderr()).contains("did not start shutting down").contains("The record is kept")
                .contains("sky down silent");
        aws.emulator.faults().reset();
        assertThat(aws.instanceIds("silent")).as("the ledger shows the instance alive").isEqualTo(before);
        assertThat(aws.sky.cluster("silent")).as("record kept").isPresent();
        System.out.println("[reliability] scenario 8 (aws, silent terminate): rowsDeletedWhileAlive=0 (exit "
                + down.exitCode() + ", the record kept while the ledger shows " + before.size() + " instance alive)");

        assertThat(aws.run("down", "-y", "silent")).succeeded();
        aws.assertNothingAlive();
        assertThat(aws.sky.cluster("silent")).isEmpty();
    }

    @Test
    void downAfterAnOutOfBandDeleteSaysAlreadyTerminated() {
        assertThat(aws.run("launch", "-c", "oob", "-y", "-d", oneNode)).succeeded();
        ec2.terminateInstances(b -> b.instanceIds(aws.instanceIds("oob")));
        aws.emulator.awaitNodeWork();

        CommandResult down = aws.run("down", "-y", "oob");

        assertThat(down).succeeded();
        assertThat(down.stdout() + down.stderr()).contains("already terminated");
        assertThat(StateDb.clusterNames(aws.sky.skyHome())).doesNotContain("oob");
        aws.assertNothingAlive();
    }
}
