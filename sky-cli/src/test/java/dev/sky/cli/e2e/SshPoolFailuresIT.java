package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong on real OpenSSH hosts, each with a one-line reason and nothing left behind: a key the hosts refuse,
 * a host whose key changed since {@code sky ssh up}, and a host that stops answering while a job runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshPoolFailuresIT {
    static final String POOL = "flaky";
    static final String C = "pool-fail";

    LocalSky sky;
    OpenSshHosts hosts;
    Path poolsFile;

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        assumeTrue(OpenSshHosts.available(), "needs /usr/sbin/sshd and /proc");
        sky = new LocalSky(dir);
        hosts = OpenSshHosts.start(dir.resolve("hosts"), 2);
        Files.createDirectories(sky.skyHome());
        poolsFile = sky.skyHome().resolve("ssh_node_pools.yaml");
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
    void aKeyTheHostsRefuseIsReportedPerHostAndNothingCanLaunch() throws Exception {
        Path wrong = hosts.dir.resolve("wrong_key");
        // ECDSA: `sky ssh up` probes on the JDK's crypto, which cannot read it, and must fall back to BouncyCastle
        // to find out that the hosts refuse it.
        OpenSshHosts.exec("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", wrong.toString());
        Files.writeString(poolsFile, hosts.poolsYaml(POOL).replace(hosts.identityFile.toString(), wrong.toString()));
        CommandResult up = sky.run("ssh", "up", "--infra", POOL);
        assertThat(up.exitCode()).isNotZero();
        assertThat(up.stderr().lines().filter(l -> l.contains("key refused")).count()).isEqualTo(2);
        CommandResult launch = sky.run("launch", "-c", C, "-y", "--infra", "ssh/" + POOL, "echo ran-$((40 + 2))");
        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.stdout()).doesNotContain("ran-42");
        assertThat(StateDb.clusterNames(sky.skyHome())).isEmpty();
    }

    @Test
    @Order(2)
    void aChangedHostKeyRefusesTheLaunchAndSaysHowToAcceptIt() throws Exception {
        Files.writeString(poolsFile, hosts.poolsYaml(POOL));
        assertThat(sky.run("ssh", "up", "--infra", POOL)).succeeded();
        hosts.hosts.get(1).replaceHostKey();
        CommandResult launch = sky.run("launch", "-c", C, "-y", "--infra", "ssh/" + POOL, "--num-nodes", "2",
                "echo ran-$((40 + 2))");
        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.stdout() + launch.stderr()).contains("run `sky ssh up --infra " + POOL + "` again");
        assertThat(launch.stdout()).doesNotContain("ran-42");
        assertThat(StateDb.clusterNames(sky.skyHome())).isEmpty();
        CommandResult again = sky.run("ssh", "up", "--infra", POOL);
        assertThat(again).succeeded();
        assertThat(again.stdout()).contains("host key changed");
    }

    @Test
    @Order(3)
    void aHostThatStopsAnsweringFailsTheJobAndRefreshReportsTheCluster() {
        String task = sky.task("long.yaml", """
                num_nodes: 2
                run: |
                  echo started-$SKYPILOT_NODE_RANK
                  sleep 300
                """);
        assertThat(sky.run("launch", "-c", C, "-y", "-d", "--infra", "ssh/" + POOL, task)).succeeded();
        long id = sky.lastJobId(C);
        sky.awaitJobStatus(C, id, "RUNNING");
        OpenSshHosts.Host worker = hosts.hosts.get(1);
        worker.kill();
        sky.awaitJobStatus(C, id, "FAILED");
        CommandResult refresh = sky.run("status", "--refresh", "--json");
        assertThat(refresh).succeeded();
        assertThat(sky.clusters().stream().filter(c -> C.equals(c.get("name"))).findFirst().orElseThrow()
                .get("status")).isEqualTo("INIT");
        CommandResult downWhileGone = sky.run("down", "-y", C);
        assertThat(downWhileGone.exitCode()).isNotZero();
        assertThat(downWhileGone.stderr()).contains("did not answer");
        assertThat(StateDb.clusterNames(sky.skyHome())).contains(C);

        worker.start();
        assertThat(sky.run("down", "-y", C)).succeeded();
        assertThat(hosts.clusterProcesses(C)).isEmpty();
        assertThat(StateDb.clusterNames(sky.skyHome())).isEmpty();
    }
}
