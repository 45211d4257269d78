package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.SshTarget;
import dev.sky.provision.ssh.TestKeys;
import dev.sky.provision.ssh.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real SSH servers, each with its own home: a three-node cluster. */
class ClusterSyncTest {
    @TempDir
    Path tmp;

    private final List<TestSshServer> servers = new ArrayList<>();
    private NodeRunnerPool pool;

    @BeforeEach
    void startCluster() throws IOException {
        KeyPair user = TestKeys.newEcKeyPair();
        Path key = TestKeys.writePrivateKey(user, tmp.resolve("keys/sky-key"));
        List<SshTarget> targets = new ArrayList<>();
        for (int rank = 0; rank < 3; rank++) {
            TestSshServer s = TestSshServer.start(Files.createDirectories(tmp.resolve("node" + rank)), user.getPublic());
            servers.add(s);
            targets.add(s.target("sky", key));
        }
        pool = NodeRunnerPool.of(targets, SshOptions.defaults().withRetryBackoff(Duration.ZERO));
    }

    @AfterEach
    void stopCluster() throws IOException {
        pool.close();
        for (TestSshServer s : servers) {
            s.close();
        }
    }

    @Test
    void runsOnEveryNodeAndReturnsExitCodesByRank() {
        int[] codes = pool.runOnAll("echo here > where.txt; exit $(ls | wc -l)", null, r -> OutputSink.discard(),
                r -> OutputSink.discard());
        assertThat(codes).containsExactly(1, 1, 1);
        for (TestSshServer s : servers) {
            assertThat(s.home().resolve("where.txt")).hasContent("here");
        }
    }

    @Test
    void oneFailingNodeDoesNotStopTheOthers() throws IOException {
        servers.get(1).close();
        assertThatThrownBy(() -> pool.onEachNode((rank, r) -> r.run("touch done-" + rank)))
                .hasMessageContaining(pool.node(1).describe());
        assertThat(servers.get(0).home().resolve("done-0")).exists();
        assertThat(servers.get(2).home().resolve("done-2")).exists();
    }

    @Test
    void syncsWorkdirAndMountsToAllNodesThenNothing() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("run.py"), "print(1)\n");
        Path dotfile = Files.writeString(tmp.resolve("vimrc"), "set nu\n");
        List<ClusterSync.Source> sources = List.of(ClusterSync.Source.workdir(project),
                new ClusterSync.Source(dotfile, "~/.vimrc"));
        ClusterSync sync = new ClusterSync(pool, LocalManifestStore.under(tmp.resolve("sky-home")), "c3");

        SyncStats first = sync.syncAll(sources, SyncListener.NONE);
        assertThat(first.filesSent()).isEqualTo(6);
        for (TestSshServer s : servers) {
            assertThat(s.home().resolve("sky_workdir/run.py")).hasContent("print(1)");
            assertThat(s.home().resolve(".vimrc")).hasContent("set nu");
        }
        assertThat(sync.syncAll(sources, SyncListener.NONE).upToDate()).isTrue();
    }
}
