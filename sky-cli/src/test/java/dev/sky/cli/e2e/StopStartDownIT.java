package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle of a two-node cluster: autostop set and cancelled, stop keeps the nodes' disks, start brings them
 * back, down removes it all.
 */
class StopStartDownIT {
    static final String C = "life-e2e";

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
    void autostopStopStartAndDown() throws Exception {
        String write = sky.task("write.yaml", """
                num_nodes: 2
                resources:
                  infra: local
                run: |
                  echo "kept-$SKYPILOT_NODE_RANK" > ~/kept.txt
                """);
        String read = sky.task("read.yaml", """
                num_nodes: 2
                resources:
                  infra: local
                run: |
                  echo "read: $(cat ~/kept.txt)"
                """);
        assertThat(sky.run("launch", "-c", C, "-y", write)).succeeded();
        assertThat(sky.nodeDirs(C)).containsExactly("node-0", "node-1");

        // Autostop is set, shown and cancelled; 600 scaled minutes is still minutes, so nothing fires here.
        assertThat(sky.run("autostop", C, "-i", "600")).succeeded();
        assertThat(String.valueOf(sky.cluster(C).orElseThrow().get("autostop"))).contains("600");
        assertThat(sky.run("autostop", C, "--cancel")).succeeded();
        assertThat(String.valueOf(sky.cluster(C).orElseThrow().get("autostop"))).doesNotContain("600");
        assertThat(sky.run("autostop", "no-such-cluster", "-i", "5")).exitedWith(4);

        assertThat(sky.run("stop", "-y", C)).succeeded();
        assertThat(sky.cluster(C).orElseThrow().get("status")).isEqualTo("STOPPED");
        assertThat(sky.clusterProcesses(C)).as("processes of a stopped cluster").isEmpty();
        assertThat(Files.readString(sky.nodeHome(C, 0).resolve("kept.txt")).strip()).isEqualTo("kept-0");
        assertThat(Files.readString(sky.nodeHome(C, 1).resolve("kept.txt")).strip()).isEqualTo("kept-1");
        CommandResult execOnStopped = sky.run("exec", C, "--", "true");
        assertThat(execOnStopped).exitedWith(4).noStackTrace();

        assertThat(sky.run("start", "-y", C)).succeeded();
        assertThat(sky.cluster(C).orElseThrow().get("status")).isEqualTo("UP");
        CommandResult back = sky.run("exec", C, read);
        assertThat(back).succeeded().outContains("read: kept-0", "read: kept-1");

        assertThat(sky.run("down", "-y", C)).succeeded();
        sky.assertGone(C);
        assertThat(sky.clusters()).isEmpty();
        assertThat(sky.leftovers()).as("processes referring to SKY_HOME").isEmpty();
        assertThat(sky.run("cost-report")).as("a torn-down cluster stays in the cost report").succeeded()
                .outContains(C);
    }
}
