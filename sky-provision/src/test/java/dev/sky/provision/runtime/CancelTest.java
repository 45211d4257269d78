package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CancelTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;

    @AfterEach
    void tearDown() {
        if (rt != null) {
            rt.close();
        }
    }

    /**
     * Background children, a grandchild that ignores TERM, and one that escapes into its own session. The
     * marker is a unique fraction in each sleep's duration, so ps can find them.
     */
    private static String stubbornJob(String marker) {
        return "sleep 1000" + marker + " &\n"
                + "sh -c 'trap \"\" TERM; sleep 1001" + marker + "; :' &\n"
                + "setsid sleep 1002" + marker + " &\n"
                + "echo spawned\nwait\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"setsid", "perl"})
    void cancelLeavesNoProcessOfTheJobOnAnyNode(String sessionTool) throws Exception {
        rt = new RuntimeHarness(tmp, "cx", 2, 2, 0);
        String marker = "." + (1_000_000 + new java.util.Random().nextInt(8_000_000));
        Map<String, String> env = Map.of("SKY_RT_SESSION_TOOL", sessionTool);
        long id = rt.submit(RuntimeHarness.job("stubborn", 1, 2, null, stubbornJob(marker)), env);
        rt.awaitStatus(id, JobStatus.RUNNING);
        // 3 sleeps on each of the 2 nodes.
        RuntimeHarness.await(() -> RuntimeHarness.processesWith(marker), p -> p.size() >= 6, "all job processes");

        RuntimeHarness.Result cancel = rt.run(0, rt.commands.cancel(List.of(id)), null, env);
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(RuntimeOutputToRecords.cancel(cancel.out())).containsEntry(id, JobStatus.CANCELLED);
        assertThat(RuntimeHarness.processesWith(marker)).as("processes left after cancel").isEmpty();
        assertThat(rt.status(id)).isEqualTo(JobStatus.CANCELLED);
        assertThat(rt.queue().get(0).endedAt()).isNotNull();
    }

    @Test
    void cancellingAPendingJobNeverStartsItAndTheQueueMovesOn() throws Exception {
        rt = new RuntimeHarness(tmp, "cp", 1, 1, 0);
        Path gate = tmp.resolve("gate");
        long running = rt.submit(RuntimeHarness.job("r", 1, 1, null, "while [ ! -e " + gate + " ]; do sleep 0.05; done"));
        long pending = rt.submit(RuntimeHarness.job("p", 1, 1, null, "echo must-not-run"));
        long after = rt.submit(RuntimeHarness.job("after", 1, 1, null, "echo after-ran"));
        rt.awaitStatus(running, JobStatus.RUNNING);
        assertThat(rt.head(rt.commands.cancel(List.of(pending))).out()).isEqualTo(pending + "\tCANCELLED\n");
        Files.createFile(gate);
        assertThat(rt.awaitTerminal(after)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rt.status(pending)).isEqualTo(JobStatus.CANCELLED);
        assertThat(rt.logs(pending)).isEmpty();
    }

    @Test
    void cancelAllEndsEveryUnfinishedJobAndReportsUnknownIds() throws Exception {
        rt = new RuntimeHarness(tmp, "ca", 1, 1, 0);
        String marker = "." + (1_000_000 + new java.util.Random().nextInt(8_000_000));
        long a = rt.submit(RuntimeHarness.job("a", 0.5, 1, null, "sleep 1003" + marker));
        long b = rt.submit(RuntimeHarness.job("b", 0.5, 1, "sleep 1004" + marker, "true"));
        long c = rt.submit(RuntimeHarness.job("c", 1, 1, null, "true"));
        rt.awaitStatus(a, JobStatus.RUNNING);
        rt.awaitStatus(b, JobStatus.SETTING_UP);
        RuntimeHarness.Result all = rt.head(rt.commands.cancelAll(null));
        assertThat(all.exit()).isZero();
        assertThat(RuntimeOutputToRecords.cancel(all.out())).containsOnlyKeys(a, b, c);
        assertThat(List.of(rt.status(a), rt.status(b), rt.status(c))).containsOnly(JobStatus.CANCELLED);
        assertThat(RuntimeHarness.processesWith(marker)).isEmpty();

        RuntimeHarness.Result unknown = rt.head(rt.commands.cancel(List.of(42L)));
        assertThat(unknown.exit()).isEqualTo(RuntimeCommands.EXIT_NOT_FOUND);
        assertThat(RuntimeOutputToRecords.cancel(unknown.out())).containsEntry(42L, null);
    }
}
