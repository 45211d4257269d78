package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** sky exec and re-launch on an UP cluster (setup or not), and jobs sharing the node's CPUs. One shared node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecAndSchedulingIT {
    static final String C = "exec-e2e";
    static final String SETUP_MARK = "SETUP-MARK-4471";
    static final String RUN_MARK = "RUN-MARK-4471";

    LocalSky sky;
    String task;
    CommandResult first;

    @BeforeAll
    void launch(@TempDir Path dir) {
        sky = new LocalSky(dir);
        task = sky.task("marks.yaml", """
                name: marks
                resources:
                  infra: local
                setup: |
                  echo "%s"
                run: |
                  echo "%s"
                """.formatted(SETUP_MARK, RUN_MARK));
        first = sky.run("launch", "-c", C, "-y", task);
    }

    @AfterAll
    void tearDown() {
        sky.close();
    }

    @Test
    void launchRunsSetupThenRun() {
        assertThat(first).succeeded().outContains(SETUP_MARK, RUN_MARK);
        assertThat(first.stdout().indexOf(SETUP_MARK)).isLessThan(first.stdout().lastIndexOf(RUN_MARK));
    }

    @Test
    void execOnAnUpClusterSkipsSetup() {
        assertThat(sky.run("exec", C, task)).succeeded().outContains(RUN_MARK).outDoesNotContain(SETUP_MARK);
        assertThat(sky.run("exec", C, "--", "echo", "from-a-command")).succeeded().outContains("from-a-command");
    }

    @Test
    void relaunchReusesTheClusterAndRunsSetupUnlessTold() {
        List<Long> hostBefore = sky.nodeHostPids(C);
        assertThat(hostBefore).hasSize(1);

        assertThat(sky.run("launch", "-c", C, "-y", task)).succeeded().outContains(SETUP_MARK, RUN_MARK);
        assertThat(sky.run("launch", "-c", C, "-y", "--no-setup", task)).succeeded().outContains(RUN_MARK)
                .outDoesNotContain(SETUP_MARK);
        assertThat(sky.run("launch", "-c", C, "-y", "--fast", task)).succeeded().outContains(RUN_MARK)
                .outDoesNotContain(SETUP_MARK);

        assertThat(sky.clusters()).hasSize(1);
        assertThat(sky.nodeHostPids(C)).as("the same node host: no node was made again").isEqualTo(hostBefore);
        assertThat(sky.nodeDirs(C)).containsExactly("node-0");
    }

    @Test
    void twoHalfCpuJobsRunTogetherAndAThirdWaitsPending() throws Exception {
        // The local node has this machine's CPUs, as the local cloud reports them.
        double half = Runtime.getRuntime().availableProcessors() / 2.0;
        Path release = sky.nodeHome(C, 0).resolve("release-sched");
        String hold = sky.task("hold.yaml", """
                name: hold
                resources:
                  infra: local
                  cpus: %s
                run: |
                  while [ ! -f ~/release-sched ]; do sleep 0.05; done
                  echo held-done
                """.formatted(fmt(half)));
        String third = sky.task("third.yaml", """
                name: third
                resources:
                  infra: local
                  cpus: %s
                run: |
                  echo third-ran
                """.formatted(fmt(half)));

        assertThat(sky.run("exec", C, "-d", hold)).succeeded();
        long a = sky.lastJobId(C);
        assertThat(sky.run("exec", C, "-d", hold)).succeeded();
        long b = sky.lastJobId(C);
        assertThat(sky.run("exec", C, "-d", third)).succeeded();
        long t = sky.lastJobId(C);
        assertThat(List.of(a, b, t)).doesNotHaveDuplicates();

        // Observed together in one queue snapshot: both holders RUNNING while the third is PENDING.
        List<Map<String, Object>> seen = new ArrayList<>();
        Poll.until("jobs " + a + " and " + b + " RUNNING together", LocalSky.WAIT_BOUND, () -> {
            seen.clear();
            seen.addAll(sky.jobs(C));
            return "RUNNING".equals(status(seen, a)) && "RUNNING".equals(status(seen, b));
        });
        assertThat(status(seen, t)).as("third job while both holders run").isEqualTo("PENDING");
        assertThat(find(seen, t).get("started_at")).isNull();

        Files.createFile(release);
        for (long id : List.of(a, b, t)) {
            sky.awaitJobStatus(C, id, "SUCCEEDED");
        }
        List<Map<String, Object>> done = sky.jobs(C);
        Instant thirdStart = LocalSky.time(find(done, t), "started_at");
        Instant firstEnd = Collections.min(List.of(LocalSky.time(find(done, a), "ended_at"),
                LocalSky.time(find(done, b), "ended_at")));
        assertThat(thirdStart).as("the third started only once a holder had ended").isAfterOrEqualTo(firstEnd);
        assertThat(sky.run("logs", C, Long.toString(t), "--no-follow")).succeeded().outContains("third-ran");
    }

    private static String fmt(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : Double.toString(cpus);
    }

    private static Map<String, Object> find(List<Map<String, Object>> jobs, long id) {
        return jobs.stream().filter(j -> LocalSky.id(j) == id).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id + " in " + jobs));
    }

    private static String status(List<Map<String, Object>> jobs, long id) {
        return (String) find(jobs, id).get("status");
    }
}
