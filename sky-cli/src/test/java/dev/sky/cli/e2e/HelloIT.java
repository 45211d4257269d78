package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: examples/hello.yaml on the local cloud, and what status, queue, logs and ssh show. */
class HelloIT {
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
    void helloPrintsItsOutputAndEveryViewAgrees() throws Exception {
        String c = "hello-e2e";
        CommandResult r = sky.run("launch", "-c", c, "-y", LocalSky.example("hello.yaml"));

        assertThat(r).succeeded().noStackTrace()
                .outContains("Considered resources", "setting up on", "hello from sky, node rank 0 of 1",
                        "cluster info: {\"cluster_name\": \"" + c + "\"");
        assertThat(LocalSky.lastLine(r.stdout())).as("last line states the outcome").containsIgnoringCase("succeeded");

        Map<String, Object> row = sky.cluster(c).orElseThrow();
        assertThat(row).containsKeys("name", "status", "infra", "cloud", "region", "zone", "num_nodes", "resources",
                "autostop", "launched_at");
        assertThat(row.get("status")).isEqualTo("UP");
        assertThat((String) row.get("cloud")).isEqualToIgnoringCase("local");
        assertThat(((Number) row.get("num_nodes")).intValue()).isEqualTo(1);
        assertThat(sky.nodeDirs(c)).containsExactly("node-0");

        List<Map<String, Object>> jobs = sky.jobs(c);
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = jobs.get(0);
        assertThat(job).containsKeys("id", "name", "status", "submitted_at", "started_at", "ended_at", "resources",
                "exit_codes");
        assertThat(job.get("name")).isEqualTo("hello");
        assertThat(job.get("status")).isEqualTo("SUCCEEDED");
        assertThat(LocalSky.exitCodes(job)).containsExactly(0);

        long id = LocalSky.id(job);
        assertThat(sky.run("logs", c, Long.toString(id), "--status")).exitedWith(0);
        assertThat(sky.run("logs", c, "999", "--status")).exitedWith(102);
        assertThat(sky.run("logs", c, Long.toString(id), "--no-follow")).succeeded()
                .outContains("setting up on", "hello from sky, node rank 0 of 1");
        assertThat(sky.run("logs", c, Long.toString(id), "--no-follow", "--tail", "1")).succeeded()
                .outContains("cluster info: ").outDoesNotContain("setting up on");
        assertThat(sky.run("status", c, "--ip")).succeeded().outContains(headIp(row));

        // ssh <cluster> through the generated config, host key pinned (BatchMode: no prompt could pass).
        Process ssh = new ProcessBuilder("ssh", "-F", sky.sshConfig(c).toString(), "-o", "BatchMode=yes", c,
                "echo \"home=$HOME\"").redirectErrorStream(true).start();
        ssh.getOutputStream().close();
        String sshOut = new String(ssh.getInputStream().readAllBytes());
        assertThat(ssh.waitFor()).as(sshOut).isZero();
        assertThat(sshOut).contains("home=" + sky.nodeHome(c, 0));
    }

    /** The head's address as sky status --json gives it, checked to be a loopback address. */
    private static String headIp(Map<String, Object> row) {
        String ip = (String) row.get("head_ip");
        assertThat(ip).as("head_ip in %s", row).startsWith("127.");
        return ip;
    }

    @Test
    void launchWithoutYesOnAPipeRefusesAtOnceAndCreatesNothing() {
        String c = "hello-no-yes";
        CommandResult r = sky.run("launch", "-c", c, LocalSky.example("hello.yaml"));

        assertThat(r.exitCode()).as("%s", r).isNotZero();
        assertThat(r).noStackTrace();
        assertThat(r.stderr()).as("%s", r).containsIgnoringCase("-y");
        assertThat(StateDb.clusterNames(sky.skyHome())).isEmpty();
        assertThat(sky.clusterDir(c)).doesNotExist();
        assertThat(sky.leftovers()).isEmpty();
    }
}
