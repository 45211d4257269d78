package dev.sky.clouds.local.provision;

import static dev.sky.clouds.local.provision.LocalNodeSshTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.ProvisionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preemption, stop/start and teardown of local nodes, checked against the processes that really run. */
class LocalNodeLifecycleTest {
    /** Starts a detached job-like process that leaves the channel's session, as a job driver does. */
    private static final String DETACHED_SLEEP = "setsid sleep 1000 </dev/null >/dev/null 2>&1 &";

    @TempDir
    Path skyHome;

    private LocalProvisioner provisioner;
    private SshKeyPair key;

    @BeforeEach
    void setUp() {
        assumeTrue(ProcScan.available(), "process checks need /proc");
        provisioner = new LocalProvisioner(LocalTestSupport.context(skyHome));
        key = LocalTestSupport.key("sky-key");
    }

    @AfterEach
    void cleanUp() {
        for (String c : List.of("kn", "k9", "ss", "td")) {
            provisioner.terminate(ClusterRef.of(c));
        }
    }

    @Test
    void killNodeEndsEveryProcessOfThatNodeAndOnlyThatNode() throws Exception {
        ClusterInfo info = provisioner.create(LocalTestSupport.request("kn", 2, key, null));
        run(info.nodes().get(0), DETACHED_SLEEP);
        run(info.nodes().get(1), DETACHED_SLEEP + " sleep 1001 </dev/null >/dev/null 2>&1 &");
        assertThat(waitFor(() -> ProcScan.withEnv("SKY_NODE_ID=kn/1").size() >= 2)).isTrue();
        List<Long> headProcesses = ProcScan.withEnv("SKY_NODE_ID=kn/0");
        assertThat(headProcesses).isNotEmpty();

        provisioner.killNode("kn", 1);

        assertThat(ProcScan.withEnv("SKY_NODE_ID=kn/1")).as("no process of the killed node survives").isEmpty();
        assertThat(NodeHostLauncher.isServing(new LocalNodeSpec(1, info.nodes().get(1).internalIp(),
                info.nodes().get(1).sshPort()))).as("the killed node's server stops accepting").isFalse();
        assertThat(ProcScan.withEnv("SKY_NODE_ID=kn/0")).as("the other node keeps its processes")
                .containsAll(headProcesses);
        assertThat(run(info.nodes().get(0), "echo alive").stdout()).isEqualTo("alive\n");
        assertThat(provisioner.query(ClusterRef.of("kn"))).containsExactly(
                Map.entry("kn-node-0", InstanceStatus.RUNNING), Map.entry("kn-node-1", InstanceStatus.TERMINATED));

        provisioner.start(ClusterRef.of("kn"));
        ClusterInfo again = provisioner.clusterInfo(ClusterRef.of("kn")).orElseThrow();
        assertThat(again.allRunning()).isTrue();
        assertThat(run(again.nodes().get(1), "echo back").stdout()).isEqualTo("back\n");
    }

    @Test
    void killNodeOfAnUnknownClusterOrRankIsAClearError() {
        assertThatThrownBy(() -> provisioner.killNode("nope", 0)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void killingTheHostWithSigkillLetsTheReaperEndEveryNodeProcess() throws Exception {
        ClusterInfo info = provisioner.create(LocalTestSupport.request("k9", 2, key, null));
        run(info.nodes().get(0), "echo kept > ~/kept.txt; " + DETACHED_SLEEP);
        run(info.nodes().get(1), DETACHED_SLEEP);
        assertThat(waitFor(() -> !ProcScan.withEnv("SKY_NODE_ID=k9/1").isEmpty())).isTrue();
        long hostPid = Long.parseLong(Files.readString(skyHome.resolve("local/k9/host.pid")).strip());

        Process kill = new ProcessBuilder("kill", "-9", Long.toString(hostPid)).start();
        assertThat(kill.waitFor()).isZero();

        assertThat(waitFor(() -> ProcScan.withEnv("SKY_NODE_ID=k9/0").isEmpty()
                && ProcScan.withEnv("SKY_NODE_ID=k9/1").isEmpty())).as("the reaper ends the nodes' processes").isTrue();
        assertThat(waitFor(() -> ProcScan.withEnv("SKY_LOCAL_REAPER=" + skyHome.resolve("local/k9")).isEmpty()))
                .as("and then exits").isTrue();
        assertThat(provisioner.query(ClusterRef.of("k9")).values()).containsOnly(InstanceStatus.TERMINATED);

        provisioner.start(ClusterRef.of("k9"));
        ClusterInfo again = provisioner.clusterInfo(ClusterRef.of("k9")).orElseThrow();
        assertThat(run(again.head(), "cat ~/kept.txt").stdout()).isEqualTo("kept\n");
    }

    @Test
    void stopEndsProcessesAndStartBringsBackTheSameNodesWithTheirFiles() throws Exception {
        ClusterInfo before = provisioner.create(LocalTestSupport.request("ss", 2, key, null));
        run(before.nodes().get(1), "mkdir -p work && echo state > work/f.txt; " + DETACHED_SLEEP);
        assertThat(waitFor(() -> !ProcScan.withEnv("SKY_NODE_ID=ss/1").isEmpty())).isTrue();

        provisioner.stop(ClusterRef.of("ss"));

        assertThat(provisioner.query(ClusterRef.of("ss")).values()).containsOnly(InstanceStatus.STOPPED);
        assertThat(ProcScan.withEnv("SKY_NODE_ID=ss/0")).isEmpty();
        assertThat(ProcScan.withEnv("SKY_NODE_ID=ss/1")).isEmpty();
        for (NodeInfo n : before.nodes()) {
            assertThat(NodeHostLauncher.isServing(new LocalNodeSpec(n.rank(), n.internalIp(), n.sshPort()))).isFalse();
        }
        assertThat(skyHome.resolve("local/ss/node-1/work/f.txt")).hasContent("state");

        provisioner.start(ClusterRef.of("ss"));

        ClusterInfo after = provisioner.clusterInfo(ClusterRef.of("ss")).orElseThrow();
        assertThat(after.allRunning()).isTrue();
        for (int i = 0; i < 2; i++) {
            NodeInfo b = before.nodes().get(i);
            NodeInfo a = after.nodes().get(i);
            assertThat(List.of(a.instanceId(), a.internalIp(), a.sshPort(), a.hostPublicKey()))
                    .isEqualTo(List.of(b.instanceId(), b.internalIp(), b.sshPort(), b.hostPublicKey()));
        }
        assertThat(run(after.nodes().get(1), "cat work/f.txt").stdout()).isEqualTo("state\n");
    }

    @Test
    void terminateEndsProcessesAndDeletesTheFolders() throws Exception {
        ClusterInfo info = provisioner.create(LocalTestSupport.request("td", 1, key, null));
        run(info.head(), "mkdir -p ro/inner && touch ro/inner/x && chmod 500 ro/inner ro; " + DETACHED_SLEEP);
        assertThat(waitFor(() -> !ProcScan.withEnv("SKY_NODE_ID=td/0").isEmpty())).isTrue();
        assertThatThrownBy(() -> provisioner.create(LocalTestSupport.request("td", 2, key, null)))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("already exists with 1 node");

        provisioner.terminate(ClusterRef.of("td"));

        assertThat(skyHome.resolve("local/td")).doesNotExist();
        assertThat(ProcScan.withEnv("SKY_NODE_ID=td/0")).isEmpty();
        assertThat(provisioner.query(ClusterRef.of("td"))).isEmpty();
        provisioner.terminate(ClusterRef.of("td"));
    }

    @Test
    void createRefusesABadClusterName() {
        assertThatThrownBy(() -> provisioner.create(LocalTestSupport.request("../evil", 1, key, null)))
                .isInstanceOf(SkyException.class)
                .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
        assertThat(skyHome.resolve("evil")).doesNotExist();
    }

    private NodeSsh.Result run(NodeInfo node, String command) throws Exception {
        NodeSsh.Result r = NodeSsh.exec(node, key.privateKey(), command);
        assertThat(r.exitCode()).as("%s: %s", command, r.stderr()).isZero();
        return r;
    }
}
