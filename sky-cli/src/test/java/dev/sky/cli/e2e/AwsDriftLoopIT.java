package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.EmulatorClients;
import dev.sky.provision.runtime.NodeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Reliability scenario 7 on AWS as a loop: drifts applied through the EC2 emulator (or on the live node), never
 * through sky, to a small pool of live clusters; after each one {@code sky status --refresh} must classify it, the
 * other clusters must stay UP, and the drift is repaired the cheap way (nothing, {@code sky start}, or a relaunch
 * of the next cluster that needs one) so the loop goes on. {@code mvn verify} runs 6 fixed drifts;
 * {@code -Dsky.reliability=full} runs {@code sky.reliability.drifts} (200) random ones with a printed seed that
 * {@code -Dsky.reliability.seed=} replays.
 */
class AwsDriftLoopIT {
    static final String CLUSTER_TAG = "skypilot-cluster-name";
    /** The refresh grace period, 60 s, at the CLI's SKY_TIME_SCALE. */
    private static final Duration GRACE = Duration.ofMillis((long) (60_000 * Double.parseDouble(LocalSky.TIME_SCALE)));
    private static final Pattern JOB_ID = Pattern.compile("Job (\\d+) submitted");

    /** The drifts, each with what refresh must say about it. */
    enum Kind { NONE, STOP, NEW_ADDRESS, RUNTIME_FILES, SCHEDULER_KILLED, SSH_FROZEN, TERMINATE_ALL, TERMINATE_ONE }

    /**
     * The CI count: one of each kind that needs no 2-node cluster (1 of 2 terminated is in AwsDriftIT), alternating
     * between two clusters; the first one's name is launched again after refresh removed it.
     */
    private static final List<Kind> CI_DRIFTS = List.of(Kind.TERMINATE_ALL, Kind.NEW_ADDRESS, Kind.SCHEDULER_KILLED,
            Kind.STOP, Kind.SSH_FROZEN, Kind.NONE);

    @TempDir
    static Path dir;
    static AwsSky aws;
    static Ec2Client ec2;
    static String single;
    static String pair;
    /** The pool's clusters that exist and are UP now. */
    private final Set<String> live = new LinkedHashSet<>();
    private int launches;

    @BeforeAll
    static void start() {
        aws = AwsSky.nodeBacked(dir);
        ec2 = EmulatorClients.ec2(aws.emulator, "us-east-1");
        single = aws.sky.task("single.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                run: echo ready
                """);
        pair = aws.sky.task("pair.yaml", """
                resources:
                  infra: aws/us-east-1
                  cpus: 2
                num_nodes: 2
                run: echo ready
                """);
    }

    @AfterAll
    static void stop() {
        try {
            if (aws != null) {
                aws.emulator.faults().reset();
                aws.run("down", "-y", "-a");
                aws.assertNothingAlive();
            }
        } finally {
            if (ec2 != null) {
                ec2.close();
            }
            if (aws != null) {
                aws.close();
            }
        }
    }

    @Test
    void refreshClassifiesEveryRandomDriftAndNeverDemotesAHealthyCluster() throws Exception {
        boolean full = "full".equals(System.getProperty("sky.reliability"));
        long seed = Long.getLong("sky.reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        int drifts = full ? Integer.getInteger("sky.reliability.drifts", 200) : CI_DRIFTS.size();
        List<String> singles = full ? List.of("dl-0", "dl-1", "dl-2") : List.of("dl-0", "dl-1");
        Kind[] kinds = Kind.values();
        int correct = 0;
        int falseDemotions = 0;
        List<Long> refreshMs = new ArrayList<>();
        Map<Kind, int[]> tally = new EnumMap<>(Kind.class);
        for (int k = 0; k < drifts; k++) {
            Kind kind = full ? kinds[random.nextInt(kinds.length)] : CI_DRIFTS.get(k);
            String c = kind == Kind.TERMINATE_ONE ? "dl-pair"
                    : full ? singles.get(random.nextInt(singles.size())) : singles.get(k % singles.size());
            ensureLive(c);
            String where = "seed " + seed + ", drift " + k + " (" + kind + " on " + c + ")";
            Drifted d = apply(kind, c);
            long t0 = System.nanoTime();
            Map<String, Map<String, Object>> outcomes;
            try {
                outcomes = aws.refreshOutcomes();
            } finally {
                d.afterRefresh();
            }
            refreshMs.add((System.nanoTime() - t0) / 1_000_000);
            boolean ok = classified(kind, c, outcomes);
            if (ok && kind == Kind.TERMINATE_ALL) {
                ok = removedAfterGrace(c, where);
            }
            int demoted = demotedOthers(c, kind);
            falseDemotions += demoted;
            if (ok) {
                correct++;
            } else {
                System.out.println("[reliability] scenario 7 (aws): MISCLASSIFIED " + where + ": " + outcomes.get(c)
                        + ", status " + aws.sky.cluster(c).map(r -> r.get("status")).orElse("(no row)"));
            }
            if (demoted > 0) {
                System.out.println("[reliability] scenario 7 (aws): FALSE DEMOTION " + where + ": " + outcomes);
            }
            tally.computeIfAbsent(kind, x -> new int[2])[ok ? 0 : 1]++;
            repair(kind, c, d, where);
            if ((k + 1) % 20 == 0 && k + 1 < drifts) {
                System.out.println("[reliability] scenario 7 (aws) progress: drift " + (k + 1) + "/" + drifts
                        + " seed=" + seed + " correct=" + correct + " falseDemotions=" + falseDemotions
                        + " launches=" + launches);
            }
        }
        refreshMs.sort(Long::compare);
        StringBuilder byKind = new StringBuilder();
        tally.forEach((kind, t) -> byKind.append(' ').append(kind).append('=').append(t[0]).append('/')
                .append(t[0] + t[1]));
        System.out.println("[reliability] scenario 7 (aws): drifts=" + drifts + " seed=" + seed + " correct=" + correct
                + "/" + drifts + " falseDemotions=" + falseDemotions + " refresh p50="
                + refreshMs.get(refreshMs.size() / 2) + "ms p99="
                + refreshMs.get(Math.min(refreshMs.size() - 1, refreshMs.size() * 99 / 100)) + "ms launches="
                + launches + " byKind:" + byKind);
        assertThat(correct).as("seed %d: drifts classified correctly", seed).isEqualTo(drifts);
        assertThat(falseDemotions).as("seed %d: healthy clusters demoted", seed).isZero();
    }

    /** What a drift left to undo after the refresh (a frozen SSH server), and the job that must survive. */
    private record Drifted(long frozenPid, long jobId) {
        void afterRefresh() throws Exception {
            if (frozenPid > 0) {
                Procs.signal(frozenPid, "CONT");
            }
        }
    }

    private void ensureLive(String c) {
        if (live.contains(c)) {
            return;
        }
        CommandResult r = aws.run("launch", "-c", c, "-y", "-d", c.equals("dl-pair") ? pair : single);
        assertThat(r).succeeded();
        launches++;
        live.add(c);
    }

    private Drifted apply(Kind kind, String c) throws Exception {
        List<String> ids = aws.instanceIds(c);
        switch (kind) {
            case NONE -> { }
            case STOP -> {
                ec2.stopInstances(b -> b.instanceIds(ids));
                aws.emulator.awaitNodeWork();
            }
            case NEW_ADDRESS -> {
                // Stopped and started outside sky with no Elastic IP: the head comes back at another address.
                ec2.stopInstances(b -> b.instanceIds(ids));
                aws.emulator.awaitNodeWork();
                awaitState(ids.get(0), "stopped");
                aws.emulator.newAddressOnNextStart(ids.get(0));
                ec2.startInstances(b -> b.instanceIds(ids));
                aws.emulator.awaitNodeWork();
                awaitState(ids.get(0), "running");
            }
            case RUNTIME_FILES -> Files.delete(aws.emulator.nodeHome(ids.get(0))
                    .resolve(".sky/runtime/" + NodeRuntime.version() + "/sky-rt"));
            case SCHEDULER_KILLED -> {
                // While a job runs, so that the repair is seen to leave it running.
                CommandResult exec = aws.run("exec", c, "-d", "sleep 100000");
                assertThat(exec).succeeded();
                Matcher m = JOB_ID.matcher(exec.stdout());
                assertThat(m.find()).as("job id in %s", exec.stdout()).isTrue();
                long job = Long.parseLong(m.group(1));
                Path node = aws.headNodeDir(c);
                Poll.until("job " + job + " runs on " + c, Duration.ofMinutes(1),
                        () -> NodeFiles.readOrEmpty(node.resolve("jobs/" + job + "/status")).equals("RUNNING"));
                long pid = Long.parseLong(Files.readString(node.resolve("scheduler.pid")).strip());
                Procs.signal(pid, "KILL");
                Poll.until("the scheduler of " + c + " is dead", Duration.ofSeconds(30),
                        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE);
                return new Drifted(0, job);
            }
            case SSH_FROZEN -> {
                long pid = aws.emulator.nodeHostPid(ids.get(0)).orElseThrow();
                Procs.signal(pid, "STOP");
                return new Drifted(pid, 0);
            }
            case TERMINATE_ALL -> {
                ec2.terminateInstances(b -> b.instanceIds(ids));
                aws.emulator.awaitNodeWork();
            }
            case TERMINATE_ONE -> {
                ec2.terminateInstances(b -> b.instanceIds(ids.get(1)));
                aws.emulator.awaitNodeWork();
            }
        }
        return new Drifted(0, 0);
    }

    private static boolean classified(Kind kind, String c, Map<String, Map<String, Object>> outcomes) {
        Map<String, Object> o = outcomes.get(c);
        String verdict = o == null ? null : (String) o.get("verdict");
        String note = o == null ? "" : String.valueOf(o.get("note"));
        String status = aws.sky.cluster(c).map(r -> (String) r.get("status")).orElse(null);
        boolean startHint = note.contains("sky start " + c);
        return switch (kind) {
            case NONE -> o == null && "UP".equals(status);
            case SSH_FROZEN -> "HEAD_NO_ANSWER".equals(verdict) && "UP".equals(status);
            case STOP -> "STOPPED".equals(verdict) && "STOPPED".equals(status);
            case NEW_ADDRESS -> "ADDRESS_CHANGED".equals(verdict) && "INIT".equals(status) && startHint;
            case RUNTIME_FILES, SCHEDULER_KILLED -> "RUNTIME_DOWN".equals(verdict) && "INIT".equals(status)
                    && startHint;
            case TERMINATE_ONE -> "PARTIAL".equals(verdict) && "INIT".equals(status);
            case TERMINATE_ALL -> "ABSENT_WITHIN_GRACE".equals(verdict) && status != null;
        };
    }

    /**
     * All nodes gone: the first refresh kept the row (within the grace period); later refreshes remove it once the
     * grace (60 s scaled by SKY_TIME_SCALE) has passed and the cloud confirms the absence.
     */
    private static boolean removedAfterGrace(String c, String where) {
        long firstSeen = System.nanoTime();
        Poll.until("refresh removes " + c + " (" + where + ")", Duration.ofMinutes(2), () -> {
            aws.refreshOutcomes();
            return aws.sky.cluster(c).isEmpty();
        });
        long gone = (System.nanoTime() - firstSeen) / 1_000_000;
        // The removing refresh ran at least a grace period after the first one marked the absence; the ledger agrees.
        return gone >= GRACE.toMillis() && aws.instanceIds(c).isEmpty();
    }

    /** Pool clusters other than the drifted one (and the drifted one when the drift must not demote) not UP now. */
    private int demotedOthers(String c, Kind kind) {
        int n = 0;
        for (String other : live) {
            if (other.equals(c) && kind != Kind.NONE && kind != Kind.SSH_FROZEN) {
                continue;
            }
            if (!aws.sky.cluster(other).map(r -> "UP".equals(r.get("status"))).orElse(false)) {
                n++;
            }
        }
        return n;
    }

    private void repair(Kind kind, String c, Drifted d, String where) {
        switch (kind) {
            case NONE, SSH_FROZEN -> { }
            case STOP, NEW_ADDRESS, RUNTIME_FILES, SCHEDULER_KILLED -> {
                int runs = aws.emulator.ledger().count("RunInstances");
                CommandResult r = aws.run("start", "-y", c);
                assertThat(r).as(where).succeeded();
                assertThat(aws.sky.cluster(c).orElseThrow().get("status")).as(where).isEqualTo("UP");
                assertThat(aws.emulator.ledger().count("RunInstances")).as("%s: no new instance", where)
                        .isEqualTo(runs);
                if (d.jobId() > 0) {
                    assertThat(NodeFiles.readOrEmpty(aws.headNodeDir(c).resolve("jobs/" + d.jobId() + "/status"))).as("%s: the job runs on",
                            where).isEqualTo("RUNNING");
                    // It holds the node's CPUs: cancelled, so that the next job on this cluster can run.
                    assertThat(aws.run("cancel", "-y", c, Long.toString(d.jobId()))).as(where).succeeded();
                }
            }
            case TERMINATE_ALL -> live.remove(c);
            case TERMINATE_ONE -> {
                assertThat(aws.run("down", "-y", c)).as(where).succeeded();
                assertThat(aws.instanceIds(c)).as("%s: nothing of %s alive", where, c).isEmpty();
                live.remove(c);
            }
        }
    }

    private static void awaitState(String id, String state) {
        Poll.until(id + " " + state, Duration.ofMinutes(1), () -> aws.emulator.instance(id).state().equals(state));
    }

}
