package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sky cancel ends every process of the job on every node, including one that left the job's session. */
class CancelIT {
    static final String C = "cancel-e2e";
    /** Marker arguments: the job's own sleep, and one started in a new session (as a daemonising job would). */
    static final String OWN = "9876543";
    static final String ESCAPED = "9876544";

    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeEach
    void setUp() {
        sky = new LocalSky(dir);
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void cancelLeavesNoProcessOfTheJobOnAnyNodeAndTheLaunchExits103() {
        String task = sky.task("sleeper.yaml", """
                name: sleeper
                num_nodes: 2
                resources:
                  infra: local
                run: |
                  echo "rank $SKYPILOT_NODE_RANK sleeping"
                  setsid sleep %s > /dev/null 2>&1 < /dev/null &
                  sleep %s
                """.formatted(ESCAPED, OWN));
        Background launch = sky.start("launch", "-c", C, "-y", task);

        Poll.until("the job's sleeps on both nodes", LocalSky.LAUNCH_BOUND, () -> {
            for (int rank = 0; rank < 2; rank++) {
                var procs = sky.nodeProcesses(C, rank);
                if (procs.stream().noneMatch(p -> p.cmdline().contains(OWN))
                        || procs.stream().noneMatch(p -> p.cmdline().contains(ESCAPED))) {
                    return false;
                }
            }
            return true;
        });
        long id = sky.lastJobId(C);
        assertThat(sky.jobStatus(C, id)).isEqualTo("RUNNING");

        CommandResult cancel = sky.run("cancel", C, Long.toString(id));

        assertThat(cancel).succeeded();
        assertThat(sky.clusterProcesses(C)).as("processes of the cancelled job")
                .noneMatch(p -> p.cmdline().contains(OWN) || p.cmdline().contains(ESCAPED));
        assertThat(sky.jobStatus(C, id)).isEqualTo("CANCELLED");
        assertThat(sky.run("logs", C, Long.toString(id), "--status")).exitedWith(103);

        CommandResult streamed = launch.await(LocalSky.WAIT_BOUND);
        assertThat(streamed).exitedWith(103).outContains("rank 0 sleeping", "rank 1 sleeping");
        String last = LocalSky.lastLine(streamed.stdout()) + "\n" + LocalSky.lastLine(streamed.stderr());
        assertThat(last).as("the last line states the outcome").containsIgnoringCase("cancel");

        // The cluster itself stays UP and usable.
        assertThat(sky.run("exec", C, "--", "echo", "after-cancel")).succeeded().outContains("after-cancel");
    }
}
