package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2-host SSH node pool on real OpenSSH servers that share one home folder (one user on two loopback addresses): as
 * root the user is created for the test, so this is also the test that logs in as an unprivileged user (as an
 * ordinary user, only that check is skipped). The second host is listed by the name of a {@code ~/.ssh/config} entry.
 * The steps build on each other: ssh up, a 2-node job, exec, cancel, a busy pool, down, and the freed hosts reused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshPoolIT {
    static final String POOL = "lab";
    static final String C = "pool-e2e";
    static final String OTHER = "pool-e2e-2";
    static final String ALIAS = "lab-box-2";

    LocalSky sky;
    OpenSshHosts hosts;
    String jobOutput;

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        assumeTrue(OpenSshHosts.available(), "needs /usr/sbin/sshd and /proc");
        sky = new LocalSky(dir);
        hosts = OpenSshHosts.start(dir.resolve("hosts"), 2);
        Files.createDirectories(sky.skyHome());
        Files.writeString(sky.skyHome().resolve("ssh_node_pools.yaml"),
                hosts.poolsYamlWithSshConfigAlias(POOL, ALIAS, sky.home()));
    }

    @AfterAll
    void tearDown() {
        if (sky != null) {
            sky.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    @Order(1)
    void sshUpRecordsEveryHostAndCheckListsThePool() {
        CommandResult up = sky.run("ssh", "up", "--infra", POOL);
        assertThat(up).succeeded();
        assertThat(up.stdout()).contains("Pool 'lab': 2 of 2 host(s) ready.");
        OpenSshHosts.Host first = hosts.hosts.get(0);
        OpenSshHosts.Host viaConfig = hosts.hosts.get(1);
        assertThat(up.stdout()).containsPattern(first.address + ":" + first.port + ": \\d+CPU--[0-9.]+GB, ");
        // Named by its ~/.ssh/config entry, reached at that entry's HostName and Port.
        assertThat(up.stdout()).containsPattern(ALIAS + ":" + viaConfig.port + ": \\d+CPU--[0-9.]+GB, ");
        CommandResult check = sky.run("check", "ssh");
        assertThat(check).succeeded();
        assertThat(check.stdout()).contains("ssh-lab (2 hosts)");
    }

    @Test
    @Order(2)
    void twoNodeJobSeesSkypilotVariablesOnBothHosts() {
        String task = sky.task("pool.yaml", """
                num_nodes: 2
                setup: echo "SETUP-RAN rank=$SKYPILOT_SETUP_NODE_RANK"
                run: |
                  echo "RANK=$SKYPILOT_NODE_RANK NODES=$SKYPILOT_NUM_NODES"
                  echo "IPS=$(echo "$SKYPILOT_NODE_IPS" | tr '\\n' ',')"
                  echo "INFO=$SKYPILOT_CLUSTER_INFO"
                  echo "WHO-$SKYPILOT_NODE_RANK=$(id -un):$(id -u)"
                """);
        CommandResult launch = sky.run("launch", "-c", C, "-y", "--infra", "ssh/" + POOL, task);
        assertThat(launch).succeeded();
        String out = launch.stdout();
        jobOutput = out;
        assertThat(out + launch.stderr()).contains("SSH (lab)").doesNotContain("SSH (ssh-lab)");
        assertThat(out).contains("WHO-0=" + hosts.user + ":").contains("WHO-1=" + hosts.user + ":");
        assertThat(out).contains("SETUP-RAN rank=0").contains("SETUP-RAN rank=1");
        assertThat(out).contains("RANK=0 NODES=2").contains("RANK=1 NODES=2");
        String ips = hosts.hosts.get(0).address + "," + hosts.hosts.get(1).address + ",";
        assertThat(out).contains("IPS=" + ips);
        assertThat(out).contains("INFO={\"cluster_name\": \"" + C + "\", \"cloud\": \"SSH\", \"region\": \"ssh-lab\"");
        Map<String, Object> row = sky.clusters().stream().filter(c -> C.equals(c.get("name"))).findFirst()
                .orElseThrow();
        assertThat(row.get("infra")).isEqualTo("SSH (lab)");
        assertThat(row.get("status")).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void jobsRunAsTheUnprivilegedUserCreatedForTheTest() {
        assumeTrue(hosts.createdUser, "only root can create a user; as an ordinary user sshd logs in that user");
        assertThat(jobOutput).as("the 2-node job ran").isNotNull();
        String uid = hosts.uid().strip();
        assertThat(uid).isNotEqualTo("0");
        assertThat(jobOutput).contains("WHO-0=" + hosts.user + ":" + uid).contains("WHO-1=" + hosts.user + ":" + uid);
    }

    @Test
    @Order(4)
    void execSkipsSetup() {
        String task = sky.task("exec.yaml", """
                setup: echo "SETUP-AGAIN"
                run: echo "EXEC-RAN on $SKYPILOT_NODE_RANK"
                """);
        CommandResult exec = sky.run("exec", C, task);
        assertThat(exec).succeeded();
        assertThat(exec.stdout()).contains("EXEC-RAN on 0").doesNotContain("SETUP-AGAIN");
    }

    @Test
    @Order(5)
    void cancelLeavesNoProcessOfTheJob() {
        String task = sky.task("sleep.yaml", """
                num_nodes: 2
                run: |
                  setsid sleep 300 &
                  sleep 300
                """);
        CommandResult exec = sky.run("exec", C, "-d", task);
        assertThat(exec).succeeded();
        long id = sky.lastJobId(C);
        sky.awaitJobStatus(C, id, "RUNNING");
        Poll.until("sleeps on both hosts", LocalSky.WAIT_BOUND, () -> jobSleeps().size() >= 4);
        assertThat(sky.run("cancel", "-y", C, Long.toString(id))).succeeded();
        assertThat(jobSleeps()).as("job processes after cancel").isEmpty();
        assertThat(sky.jobStatus(C, id)).isEqualTo("CANCELLED");
    }

    @Test
    @Order(6)
    void aBusyPoolNamesTheClusterHoldingItAndCreatesNothing() {
        CommandResult second = sky.run("launch", "-c", OTHER, "-y", "--infra", "ssh/" + POOL, "echo hi");
        assertThat(second.exitCode()).isNotZero();
        assertThat(second.stdout() + second.stderr()).contains("cluster " + C + " holds");
        assertThat(StateDb.clusterNames(sky.skyHome())).doesNotContain(OTHER);
    }

    @Test
    @Order(7)
    void downLeavesNoProcessAndFreesTheHostsForTheNextCluster() {
        String task = sky.task("bg.yaml", """
                num_nodes: 2
                run: nohup sleep 300 >/dev/null 2>&1 &
                """);
        assertThat(sky.run("exec", C, task)).succeeded();
        assertThat(sky.run("down", "-y", C)).succeeded();
        assertThat(hosts.clusterProcesses(C)).as("processes of %s after down", C).isEmpty();
        assertThat(jobSleeps()).isEmpty();
        assertThat(hosts.home.resolve(".sky/clusters/" + C)).doesNotExist();
        assertThat(StateDb.clusterNames(sky.skyHome())).doesNotContain(C);

        CommandResult next = sky.run("launch", "-c", OTHER, "-y", "--infra", "ssh/" + POOL, "--num-nodes", "2",
                "echo next-cluster-$SKYPILOT_NODE_RANK");
        assertThat(next).succeeded();
        assertThat(next.stdout()).contains("next-cluster-0").contains("next-cluster-1");
        assertThat(sky.run("ssh", "down", "--infra", POOL).exitCode()).as("ssh down while in use").isNotZero();
        assertThat(sky.run("down", "-y", OTHER)).succeeded();
        assertThat(hosts.clusterProcesses(OTHER)).isEmpty();
        assertThat(sky.run("ssh", "down", "--infra", POOL)).succeeded();
    }

    /** The jobs' sleep processes on the pool's hosts (the user's processes that carry a job tag). */
    private List<Procs.Proc> jobSleeps() {
        return Procs.matching(p -> p.cmdline().startsWith("sleep 300") && p.envHasPrefix("SKY_RT_JOB_TAG="));
    }
}
