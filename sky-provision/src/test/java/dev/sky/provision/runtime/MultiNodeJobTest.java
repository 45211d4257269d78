package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three nodes, each with its own home; the head reaches the workers through the test transport. */
class MultiNodeJobTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;

    @BeforeEach
    void setUp() throws Exception {
        rt = new RuntimeHarness(tmp, "trio", 3, 4, 0);
    }

    @AfterEach
    void tearDown() {
        rt.close();
    }

    @Test
    void runsSetupOnEveryNodeAndRunOnTheJobsNodesWithRankPrefixes() throws Exception {
        for (int r = 0; r < 3; r++) {
            Files.createDirectories(rt.home(r).resolve("sky_workdir"));
        }
        long id = rt.submit(new JobSubmission(new JobSpec("dist", 2, 1, 0, true, "alice", "a1", null, null),
                java.util.Map.of("GREETING", "hi there"), java.util.Map.of("TOKEN", "s3"),
                "echo setup rank=$SKYPILOT_SETUP_NODE_RANK nodes=$SKYPILOT_NUM_NODES home=$HOME; "
                        + "echo \"ips=$SKYPILOT_SETUP_NODE_IPS\" | tr '\\n' ','; echo",
                "echo run rank=$SKYPILOT_NODE_RANK of=$SKYPILOT_NUM_NODES pwd=$(pwd) env=\"$GREETING/$TOKEN\"; "
                        + "echo \"ips=$SKYPILOT_NODE_IPS\" | tr '\\n' ','; echo"));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
        String logs = rt.logs(id);

        for (int r = 0; r < 3; r++) {
            String label = r == 0 ? "head" : "worker" + r;
            assertThat(logs).containsPattern("\\(" + label + ", rank=" + r + ", pid=\\d+\\) setup rank=" + r
                    + " nodes=2 home=" + rt.home(r) + "\n");
            assertThat(logs).containsPattern("\\(" + label + ", rank=" + r
                    + ", pid=\\d+\\) ips=127.0.0.1,127.0.0.2,127.0.0.3,\n");
        }
        for (int r = 0; r < 2; r++) {
            String label = r == 0 ? "head" : "worker" + r;
            assertThat(logs).containsPattern("\\(" + label + ", rank=" + r + ", pid=\\d+\\) run rank=" + r
                    + " of=2 pwd=" + rt.home(r).resolve("sky_workdir") + " env=hi there/s3\n");
            assertThat(logs).containsPattern("\\(" + label + ", rank=" + r + ", pid=\\d+\\) ips=127.0.0.1,127.0.0.2,\n");
        }
        assertThat(logs).doesNotContain("run rank=2");

        Path logDir = rt.home(0).resolve("sky_logs/trio/1-dist");
        assertThat(Files.readString(logDir.resolve("0-head.log"))).startsWith("run rank=0 of=2");
        assertThat(Files.readString(logDir.resolve("1-worker1.log"))).startsWith("run rank=1 of=2");
        assertThat(Files.readString(logDir.resolve("setup.log"))).contains("(worker2, rank=2");
        // The worker's copy of the env file is private too.
        Path workerEnv = rt.nodeDir(1).resolve("jobs/1/env");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(workerEnv)))
                .isEqualTo("rw-------");
        assertThat(rt.queue().get(0).exitCodes()).containsExactly(0, 0);
    }

    @Test
    void oneFailingRankFailsTheJobStopsTheOthersAndRecordsEveryCode() {
        long id = rt.submit(RuntimeHarness.job("fail1", 1, 3, null,
                "if [ $SKYPILOT_NODE_RANK = 1 ]; then exit 7; fi; sleep 302"));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.FAILED);
        JobRecord row = rt.queue().get(0);
        assertThat(row.exitCodes()).hasSize(3);
        assertThat(row.exitCodes().get(1)).isEqualTo(7);
        assertThat(row.exitCodes().get(0)).isNotZero();
        assertThat(row.exitCodes().get(2)).isNotZero();
        assertThat(rt.logs(id)).containsPattern("ERROR: Job 1 failed with return code list: \\[\\d+, 7, \\d+\\]\n");
        assertThat(RuntimeHarness.processesWith("sleep 302")).isEmpty();
    }

    @Test
    void setupFailureOnOneWorkerIsFailedSetup() {
        long id = rt.submit(RuntimeHarness.job("fs", 1, 1, "[ $SKYPILOT_SETUP_NODE_RANK != 2 ]", "echo never"));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.FAILED_SETUP);
        assertThat(rt.logs(id)).containsPattern("Failed workers: \\(pid=\\d+, returncode=1\\)\\.")
                .doesNotContain("never");
        assertThat(rt.queue().get(0).exitCodes()).containsExactly(0, 0, 1);
    }

    @Test
    void multiNodeJobsReserveNodesAndWaitForEnoughFreeOnes() throws Exception {
        Path gate = tmp.resolve("gate");
        long wide = rt.submit(RuntimeHarness.job("wide", 3, 2, null,
                "while [ ! -e " + gate + " ]; do sleep 0.05; done"));
        long second = rt.submit(RuntimeHarness.job("second", 3, 2, null, "echo rank=$SKYPILOT_NODE_RANK"));
        rt.awaitStatus(wide, JobStatus.RUNNING);
        assertThat(rt.status(second)).isEqualTo(JobStatus.PENDING);
        Files.createFile(gate);
        assertThat(rt.awaitTerminal(second)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rt.awaitTerminal(wide)).isEqualTo(JobStatus.SUCCEEDED);
    }
}
