package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.core.fault.FaultPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT to the sky process): once during provisioning, sky stops at a safe point; twice, it exits at once;
 * either way {@code sky status --refresh} and {@code sky down} clean up. Once while logs stream, sky detaches and the
 * job goes on. {@code SKY_FAULT=<point>:block} holds sky at a point with the nodes created.
 */
class InterruptIT {
    static final FaultPoint HOLD = FaultPoint.AFTER_CREATE;

    @TempDir
    Path dir;
    LocalSky sky;
    String task;

    @BeforeEach
    void setUp() {
        sky = new LocalSky(dir);
        task = sky.task("hello.yaml", """
                resources:
                  infra: local
                run: |
                  echo interrupted-hello
                """);
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void oneCtrlCDuringProvisioningStopsSkyAndLeavesARecoverableState() {
        String c = "int-once";
        Background launch = holdAt(c);

        launch.interrupt();
        CommandResult r = launch.await(LocalSky.WAIT_BOUND);

        assertThat(r.exitCode()).as("%s", r).isNotZero();
        assertThat(r).noStackTrace();
        assertThat(StateDb.clusterNames(sky.skyHome())).as("the created nodes stay recorded").contains(c);
        cleansUp(c);
    }

    @Test
    void twoCtrlCsExitAtOnceAndTheStateIsStillRecoverable() {
        String c = "int-twice";
        Background launch = holdAt(c);

        launch.interrupt();
        launch.interrupt();
        CommandResult r = launch.await(LocalSky.WAIT_BOUND);

        assertThat(r.exitCode()).as("%s", r).isNotZero();
        assertThat(StateDb.clusterNames(sky.skyHome())).as("the created nodes stay recorded").contains(c);
        cleansUp(c);
    }

    @Test
    void ctrlCWhileLogsStreamDetachesAndTheJobKeepsRunning() throws Exception {
        String c = "int-logs";
        String waiting = sky.task("waiting.yaml", """
                name: waiting
                resources:
                  infra: local
                run: |
                  echo streaming-started
                  while [ ! -f ~/release-int ]; do sleep 0.05; done
                  echo finished-after-detach
                """);
        Background launch = sky.start("launch", "-c", c, "-y", waiting);
        launch.awaitOutput("streaming-started", LocalSky.LAUNCH_BOUND);

        launch.interrupt();
        CommandResult r = launch.await(LocalSky.WAIT_BOUND);

        assertThat(r).noStackTrace();
        String said = LocalSky.lastLine(r.stdout()) + "\n" + LocalSky.lastLine(r.stderr());
        assertThat(said).as("says the job keeps running").containsPattern("(?i)(keeps|still|continues) running");
        long id = sky.lastJobId(c);
        assertThat(sky.jobStatus(c, id)).isEqualTo("RUNNING");

        Files.createFile(sky.nodeHome(c, 0).resolve("release-int"));
        sky.awaitJobStatus(c, id, "SUCCEEDED");
        assertThat(sky.run("logs", c, Long.toString(id), "--no-follow")).succeeded()
                .outContains("finished-after-detach");
    }

    /** Starts a launch that blocks at {@link #HOLD}, and returns once it is held there. */
    private Background holdAt(String c) {
        Background launch = sky.start(Map.of("SKY_FAULT", HOLD.id() + ":block"), "launch", "-c", c, "-y", task);
        launch.awaitOutput("fault point " + HOLD.id() + ": blocking", LocalSky.LAUNCH_BOUND);
        return launch;
    }

    private void cleansUp(String c) {
        if (!sky.clusters("--refresh").isEmpty()) {
            assertThat(sky.run("down", "-y", c)).succeeded().noStackTrace();
        }
        sky.assertGone(c);
        assertThat(sky.leftovers()).isEmpty();
    }
}
