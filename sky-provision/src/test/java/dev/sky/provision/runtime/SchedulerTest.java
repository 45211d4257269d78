package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.close();
        }
    }

    /** A run script that says it started, then waits for its own gate file. */
    private String gated(String name) {
        Path gate = tmp.resolve("gate-" + name);
        return "echo started-" + name + "; while [ ! -e " + gate + " ]; do sleep 0.05; done";
    }

    private void open(String name) throws Exception {
        Files.createFile(tmp.resolve("gate-" + name));
    }

    @Test
    void twoHalfCpuJobsShareTheNodeAndAThirdWaitsPendingInFifoOrder() throws Exception {
        rt = new RuntimeHarness(tmp, "fifo", 1, 2, 0);
        long a = rt.submit(RuntimeHarness.job("a", 1, 1, null, gated("a")));
        long b = rt.submit(RuntimeHarness.job("b", 1, 1, null, gated("b")));
        long c = rt.submit(RuntimeHarness.job("c", 1, 1, null, gated("c")));
        // A later job that would fit must not overtake c.
        long d = rt.submit(RuntimeHarness.job("d", 0.5, 1, null, gated("d")));

        rt.awaitStatus(a, JobStatus.RUNNING);
        rt.awaitStatus(b, JobStatus.RUNNING);
        RuntimeHarness.await(() -> rt.logs(a) + rt.logs(b), l -> l.contains("started-a") && l.contains("started-b"),
                "a and b to run at the same time");
        assertThat(rt.status(c)).isEqualTo(JobStatus.PENDING);
        assertThat(rt.status(d)).isEqualTo(JobStatus.PENDING);
        assertThat(rt.logs(c)).isEmpty();

        open("a");
        assertThat(rt.awaitTerminal(a)).isEqualTo(JobStatus.SUCCEEDED);
        rt.awaitStatus(c, JobStatus.RUNNING);
        assertThat(rt.status(b)).isEqualTo(JobStatus.RUNNING);
        assertThat(rt.status(d)).isEqualTo(JobStatus.PENDING);

        open("b");
        rt.awaitStatus(d, JobStatus.RUNNING);
        open("c");
        open("d");
        for (long id : new long[] {b, c, d}) {
            assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
        }
        var rows = rt.queue();
        assertThat(rows).extracting(JobRecord::id).containsExactly(a, b, c, d);
        assertThat(rows.get(2).startedAt()).isAfterOrEqualTo(rows.get(0).endedAt());
    }

    @Test
    void gpuDemandIsAccountedPerNode() throws Exception {
        rt = new RuntimeHarness(tmp, "gpus", 1, 8, 1);
        var spec = new JobSpec("g1", 1, 0.5, 1, true, "alice", "a1", null, null);
        long g1 = rt.submit(new JobSubmission(spec, null, null, null, gated("g1") + "; echo gpus=$SKYPILOT_NUM_GPUS_PER_NODE"));
        long g2 = rt.submit(new JobSubmission(new JobSpec("g2", 1, 0.5, 0.5, true, "alice", "a1", null, null), null,
                null, null, "echo gpus=$SKYPILOT_NUM_GPUS_PER_NODE"));
        long cpuOnly = rt.submit(RuntimeHarness.job("cpu", 0.5, 1, null, "echo cpu-only"));
        rt.awaitStatus(g1, JobStatus.RUNNING);
        assertThat(rt.status(g2)).isEqualTo(JobStatus.PENDING);
        // FIFO: the CPU-only job waits behind g2 even though it would fit.
        assertThat(rt.status(cpuOnly)).isEqualTo(JobStatus.PENDING);
        open("g1");
        assertThat(rt.awaitTerminal(g2)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rt.awaitTerminal(cpuOnly)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rt.logs(g1)).contains("gpus=1");
        assertThat(rt.logs(g2)).contains("gpus=1");
    }

    @Test
    void aDeadDriverMarksTheJobFailedDriverAndLetsTheQueueMove() throws Exception {
        rt = new RuntimeHarness(tmp, "reap", 1, 1, 0);
        long a = rt.submit(RuntimeHarness.job("a", 1, 1, null, "sleep 301"));
        long b = rt.submit(RuntimeHarness.job("b", 1, 1, null, "echo b-ran"));
        rt.awaitStatus(a, JobStatus.RUNNING);
        RuntimeHarness.await(() -> RuntimeHarness.processesWith("sleep 301"), p -> !p.isEmpty(), "a's sleep");
        long driver = Long.parseLong(Files.readString(rt.nodeDir(0).resolve("jobs/1/driver_pid")).strip());
        ProcessHandle.of(driver).orElseThrow().destroyForcibly();

        assertThat(rt.awaitTerminal(a)).isEqualTo(JobStatus.FAILED_DRIVER);
        assertThat(rt.awaitTerminal(b)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(RuntimeHarness.processesWith("sleep 301")).isEmpty();
    }
}
