package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated preemption: {@code sky local kill-node CLUSTER 1} while a job runs there leaves none of its processes. */
class KillNodeIT {
    static final String C = "kill-e2e";
    static final String MARK = "9876546";

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
    void killedNodeKeepsNoProcessAlive() {
        String task = sky.task("sleeper.yaml", """
                name: sleeper
                num_nodes: 2
                resources:
                  infra: local
                run: |
                  setsid sleep %1$s > /dev/null 2>&1 < /dev/null &
                  sleep %1$s
                """.formatted(MARK));
        assertThat(sky.run("launch", "-c", C, "-y", "-d", task)).succeeded();
        Poll.until("the job on node 1", LocalSky.LAUNCH_BOUND,
                () -> sky.nodeProcesses(C, 1).stream().filter(p -> p.cmdline().contains(MARK)).count() == 2);

        assertThat(sky.run("local", "kill-node", C, "1")).succeeded().noStackTrace();

        assertThat(sky.nodeProcesses(C, 1)).as("processes of the killed node").isEmpty();
        assertThat(sky.nodeDirs(C)).as("a preempted node keeps its disk until down").contains("node-1");

        assertThat(sky.run("down", "-y", C)).succeeded();
        sky.assertGone(C);
        assertThat(sky.leftovers()).isEmpty();
    }
}
