package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** examples/multi_node.yaml on three local nodes; the tests share the cluster, each with its own job. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeIT {
    static final String C = "multi-e2e";
    /** The rank prefix SkyPilot puts on multi-node output lines, e.g. {@code (worker1, rank=1, pid=42) }. */
    static final Pattern PREFIX = Pattern.compile("^\\((?:head|worker\\d+), rank=(\\d+), pid=\\d+\\) ");

    LocalSky sky;
    CommandResult launch;

    @BeforeAll
    void launch(@TempDir Path dir) {
        sky = new LocalSky(dir);
        launch = sky.run("launch", "-c", C, "-y", LocalSky.example("multi_node.yaml"));
    }

    @AfterAll
    void tearDown() {
        sky.close();
    }

    @Test
    void everyRankPrintsItsOwnRankAndTheSameThreeDistinctIps() {
        assertThat(launch).succeeded();
        Map<Integer, String> rankLine = new TreeMap<>();
        List<String> ipLines = new ArrayList<>();
        for (String line : launch.stdout().lines().toList()) {
            String body = PREFIX.matcher(line).replaceFirst("");
            Matcher m = Pattern.compile("^rank (\\d+) of (\\d+)$").matcher(body);
            if (m.matches()) {
                int rank = Integer.parseInt(m.group(1));
                assertThat(m.group(2)).isEqualTo("3");
                assertThat(rankLine.put(rank, line)).as("rank %d printed twice", rank).isNull();
                Matcher prefix = PREFIX.matcher(line);
                assertThat(prefix.find()).as("multi-node lines carry the rank prefix: %s", line).isTrue();
                assertThat(prefix.group(1)).isEqualTo(m.group(1));
            }
            if (body.startsWith("node IPs:")) {
                ipLines.add(body.substring("node IPs:".length()).strip());
            }
        }
        assertThat(rankLine.keySet()).containsExactly(0, 1, 2);
        assertThat(ipLines).hasSize(3);
        assertThat(ipLines).allMatch(l -> l.equals(ipLines.get(0)), "every rank sees the same IPs");
        List<String> ips = List.of(ipLines.get(0).split("\\s+"));
        assertThat(ips).hasSize(3).doesNotHaveDuplicates().allMatch(ip -> ip.startsWith("127."));
        assertThat(launch.stdout()).containsOnlyOnce("head only: collecting results");
        assertThat(sky.nodeDirs(C)).containsExactly("node-0", "node-1", "node-2");
    }

    @Test
    void taskIdAndClusterInfoHaveSkyPilotsFormats() {
        String task = sky.task("vars.yaml", """
                num_nodes: 3
                resources:
                  infra: local
                run: |
                  echo "TASK_ID=$SKYPILOT_TASK_ID"
                  echo "INFO=$SKYPILOT_CLUSTER_INFO"
                  echo "IP_LINES=$(printf '%s\\n' "$SKYPILOT_NODE_IPS" | wc -l | tr -d ' ')"
                  echo "NUM_NODES=$SKYPILOT_NUM_NODES"
                """);
        CommandResult r = sky.run("exec", C, task);
        assertThat(r).succeeded();
        long id = sky.lastJobId(C);

        List<String> taskIds = bodies(r.stdout(), "TASK_ID=");
        assertThat(taskIds).hasSize(3).allMatch(t -> t.equals(taskIds.get(0)), "one task id for all ranks");
        assertThat(taskIds.get(0)).matches("sky-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{6}_" + C + "_" + id);
        assertThat(bodies(r.stdout(), "INFO=")).hasSize(3).allMatch(i -> i.equals(
                "{\"cluster_name\": \"" + C + "\", \"cloud\": \"Local\", \"region\": \"local\", \"zone\": null}"));
        assertThat(bodies(r.stdout(), "IP_LINES=")).containsExactly("3", "3", "3");
        assertThat(bodies(r.stdout(), "NUM_NODES=")).containsExactly("3", "3", "3");
    }

    @Test
    void aFailureOnRankOneAloneFailsTheJobWithThatRanksCode() {
        // Ranks 0 and 2 would run forever: only rank 1 fails, and the driver must stop the others.
        String task = sky.task("fail-rank1.yaml", """
                name: fail-rank1
                num_nodes: 3
                resources:
                  infra: local
                run: |
                  echo "rank $SKYPILOT_NODE_RANK ran"
                  if [ "$SKYPILOT_NODE_RANK" = "1" ]; then exit 7; fi
                  sleep 9876501
                """);
        CommandResult r = sky.run("launch", "-c", C, "-y", task);

        assertThat(r).exitedWith(7).noStackTrace();
        long id = sky.lastJobId(C);
        Map<String, Object> job = sky.job(C, id);
        assertThat(job.get("status")).isEqualTo("FAILED");
        List<Integer> codes = LocalSky.exitCodes(job);
        assertThat(codes).hasSize(3);
        assertThat(codes.get(1)).isEqualTo(7);
        assertThat(List.of(codes.get(0), codes.get(2))).as("the stopped ranks' own codes").doesNotContain(0);
        String last = LocalSky.lastLine(r.stdout()) + "\n" + LocalSky.lastLine(r.stderr());
        assertThat(last).as("the last line states the outcome").containsIgnoringCase("failed");
        assertThat(sky.clusterProcesses(C)).as("ranks stopped after the failure")
                .noneMatch(p -> p.cmdline().contains("9876501"));
        assertThat(sky.run("logs", C, Long.toString(id), "--status")).exitedWith(100);
        // Reused: still the one cluster of three nodes.
        assertThat(sky.clusters()).hasSize(1);
        assertThat(sky.nodeDirs(C)).containsExactly("node-0", "node-1", "node-2");
    }

    /** The text after {@code key} on each output line that has it, rank prefixes removed, in output order. */
    static List<String> bodies(String out, String key) {
        List<String> found = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String body = PREFIX.matcher(line).replaceFirst("");
            if (body.startsWith(key)) {
                found.add(body.substring(key.length()));
            }
        }
        return found;
    }
}
