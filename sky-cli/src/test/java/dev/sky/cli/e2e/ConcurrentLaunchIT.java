package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight launches at once: on one cluster name they serialize into one cluster of the requested size; on eight names
 * they all succeed against the one state database.
 */
class ConcurrentLaunchIT {
    static final int LAUNCHES = 8;
    /** Eight JVMs on two cores: generous, and only a hang guard. */
    static final Duration ALL_BOUND = Duration.ofMinutes(10);

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
    void eightLaunchesOfOneNameGiveOneClusterOfTheRequestedSize() {
        String c = "same-e2e";
        String task = sky.task("two.yaml", """
                name: two
                num_nodes: 2
                resources:
                  infra: local
                run: |
                  echo "ran on rank $SKYPILOT_NODE_RANK"
                """);
        List<Background> all = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            all.add(sky.start("launch", "-c", c, "-y", task));
        }
        for (Background b : all) {
            CommandResult r = b.await(ALL_BOUND);
            assertThat(r).succeeded().noStackTrace().outContains("ran on rank 0", "ran on rank 1");
        }

        List<Map<String, Object>> clusters = sky.clusters();
        assertThat(clusters).hasSize(1);
        assertThat(((Number) clusters.get(0).get("num_nodes")).intValue()).isEqualTo(2);
        assertThat(sky.nodeDirs(c)).containsExactly("node-0", "node-1");
        assertThat(sky.nodeHostPids(c)).as("node hosts").hasSize(1);
        Set<String> nodeIds = new TreeSet<>();
        sky.clusterProcesses(c).forEach(p -> p.environ().stream().filter(e -> e.startsWith("SKY_NODE_ID="))
                .forEach(nodeIds::add));
        assertThat(nodeIds).isSubsetOf("SKY_NODE_ID=" + c + "/0", "SKY_NODE_ID=" + c + "/1");

        List<Map<String, Object>> jobs = sky.jobs(c);
        assertThat(jobs).hasSize(LAUNCHES).allMatch(j -> "SUCCEEDED".equals(j.get("status")));
    }

    @Test
    void eightLaunchesOfDifferentNamesAllSucceed() {
        String task = sky.task("one.yaml", """
                name: one
                resources:
                  infra: local
                run: |
                  echo "ran on $SKYPILOT_CLUSTER_INFO"
                """);
        List<Background> all = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            all.add(sky.start("launch", "-c", "many-" + i, "-y", task));
        }
        for (int i = 0; i < LAUNCHES; i++) {
            CommandResult r = all.get(i).await(ALL_BOUND);
            assertThat(r).succeeded().noStackTrace().outContains("\"cluster_name\": \"many-" + i + "\"");
        }

        List<Map<String, Object>> clusters = sky.clusters();
        assertThat(clusters).hasSize(LAUNCHES).allMatch(c -> "UP".equals(c.get("status")));
        assertThat(StateDb.clusterNames(sky.skyHome())).hasSize(LAUNCHES);
        for (int i = 0; i < LAUNCHES; i++) {
            assertThat(sky.nodeDirs("many-" + i)).containsExactly("node-0");
        }

        assertThat(sky.run("down", "-y", "-a")).succeeded();
        for (int i = 0; i < LAUNCHES; i++) {
            sky.assertGone("many-" + i);
        }
        assertThat(sky.leftovers()).isEmpty();
    }
}
