package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.provision.ssh.NodeRunner;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.TestKeys;
import dev.sky.provision.ssh.TestSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs to a real SSH server on loopback whose "node" home is a temp folder, and looks at that folder. */
class TreeSyncTest {
    @TempDir
    Path tmp;

    private Path local;
    private Path nodeHome;
    private Path workdirOnNode;
    private TestSshServer server;
    private NodeRunner runner;
    private LocalManifestStore store;
    private TreeSync sync;

    @BeforeEach
    void setUp() throws IOException {
        local = Files.createDirectories(tmp.resolve("project"));
        nodeHome = Files.createDirectories(tmp.resolve("node-home"));
        workdirOnNode = nodeHome.resolve("sky_workdir");
        KeyPair user = TestKeys.newEcKeyPair();
        Path key = TestKeys.writePrivateKey(user, tmp.resolve("sky-home/keys/sky-key"));
        server = TestSshServer.start(nodeHome, user.getPublic());
        runner = new NodeRunner(server.target("sky", key), SshOptions.defaults().withRetryBackoff(Duration.ZERO));
        store = LocalManifestStore.under(tmp.resolve("sky-home"));
        sync = new TreeSync(runner, store);
    }

    @AfterEach
    void tearDown() throws IOException {
        runner.close();
        server.close();
    }

    private void write(String rel, String content) throws IOException {
        Path p = local.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private SyncStats syncWorkdir() {
        return sync.sync(SyncRequest.workdir(local, "c1", 0));
    }

    private List<String> nodeFiles() throws IOException {
        try (Stream<Path> s = Files.walk(workdirOnNode)) {
            return s.filter(p -> !p.equals(workdirOnNode)).map(p -> workdirOnNode.relativize(p).toString())
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void firstSyncSendsTheTreeAndTheSecondSendsNothing() throws IOException {
        write("train.py", "print('train')\n");
        write("pkg/util.py", "X = 1\n");
        write("pkg/data/table.csv", "a,b\n1,2\n");
        Files.createDirectories(local.resolve("empty"));

        SyncStats first = syncWorkdir();
        assertThat(first.filesSent()).isEqualTo(3);
        assertThat(first.bytesSent()).isEqualTo(15 + 6 + 8);
        assertThat(nodeFiles()).containsExactly("empty", "pkg", "pkg/data", "pkg/data/table.csv", "pkg/util.py", "train.py");
        assertThat(Files.readString(workdirOnNode.resolve("pkg/data/table.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(Files.exists(nodeHome.resolve(".sky/sync/" + SyncRequest.key("c1", 0, "~/sky_workdir") + ".manifest"))).isTrue();

        int commandsBefore = server.commands().size();
        SyncStats second = syncWorkdir();
        assertThat(second.upToDate()).isTrue();
        assertThat(second.filesSent()).isZero();
        assertThat(second.pathsScanned()).isEqualTo(first.pathsScanned());
        assertThat(server.commands().size() - commandsBefore).as("one check, no archive").isEqualTo(1);
    }

    @Test
    void aChangedFileIsResentAndADeletedOneIsRemovedOnTheNode() throws IOException {
        write("a.txt", "one");
        write("b.txt", "bee");
        write("dir/c.txt", "see");
        write("dir/sub/d.txt", "dee");
        syncWorkdir();
        Files.writeString(workdirOnNode.resolve("job-output.txt"), "made by the job");

        write("a.txt", "two!");
        Files.delete(local.resolve("b.txt"));
        Files.delete(local.resolve("dir/sub/d.txt"));
        Files.delete(local.resolve("dir/sub"));
        SyncStats stats = syncWorkdir();

        assertThat(stats.filesSent()).isEqualTo(1);
        assertThat(stats.bytesSent()).isEqualTo(4);
        assertThat(stats.pathsRemoved()).isEqualTo(2);
        assertThat(Files.readString(workdirOnNode.resolve("a.txt"))).isEqualTo("two!");
        // Files the node made itself were never synced, so they stay.
        assertThat(nodeFiles()).containsExactly("a.txt", "dir", "dir/c.txt", "job-output.txt");
    }

    @Test
    void aSameSizeEditIsSeenThroughTheModificationTime() throws IOException {
        write("w.txt", "aaaa");
        syncWorkdir();
        write("w.txt", "bbbb");
        Files.setLastModifiedTime(local.resolve("w.txt"), FileTime.fromMillis(Files.getLastModifiedTime(local.resolve("w.txt")).toMillis() + 5000));
        assertThat(syncWorkdir().filesSent()).isEqualTo(1);
        assertThat(Files.readString(workdirOnNode.resolve("w.txt"))).isEqualTo("bbbb");
    }

    @Test
    void respectsGitignore() throws IOException {
        write(".gitignore", "*.ckpt\n__pycache__/\n!best.ckpt\n");
        write("model.ckpt", "big");
        write("best.ckpt", "best");
        write("src/__pycache__/m.pyc", "x");
        write("src/m.py", "x");
        write(".git/objects/ab", "blob");
        syncWorkdir();
        assertThat(nodeFiles()).containsExactly(".gitignore", "best.ckpt", "src", "src/m.py");
    }

    @Test
    void aSkyignoreReplacesGitignore() throws IOException {
        write(".gitignore", "*.py\n");
        write(".skyignore", "data/\n");
        write("main.py", "x");
        write("data/huge.bin", "x");
        syncWorkdir();
        assertThat(nodeFiles()).containsExactly(".gitignore", ".skyignore", "main.py");
    }

    @Test
    void aPathThatTurnedFromFileIntoFolderIsReplaced() throws IOException {
        write("x", "file");
        write("y/inner.txt", "in y");
        syncWorkdir();
        Files.delete(local.resolve("x"));
        write("x/now-a-dir.txt", "dir");
        Files.delete(local.resolve("y/inner.txt"));
        Files.delete(local.resolve("y"));
        write("y", "now a file");
        syncWorkdir();
        assertThat(nodeFiles()).containsExactly("x", "x/now-a-dir.txt", "y");
        assertThat(Files.readString(workdirOnNode.resolve("y"))).isEqualTo("now a file");
    }

    @Test
    void manyRemovalsGoThroughAFileNotTheCommandLine() throws IOException {
        String longPrefix = "f".repeat(150);
        for (int i = 0; i < 600; i++) {
            write("many/" + longPrefix + i, "x");
        }
        write("keep.txt", "k");
        syncWorkdir();
        for (int i = 0; i < 600; i++) {
            Files.delete(local.resolve("many/" + longPrefix + i));
        }
        SyncStats stats = syncWorkdir();
        assertThat(stats.pathsRemoved()).isEqualTo(600);
        assertThat(nodeFiles()).containsExactly("keep.txt", "many");
        assertThat(server.commands()).allMatch(c -> c.length() < 70_000);
    }

    @Test
    void aLostLocalManifestCostsOnlyTheNodesCopy() throws IOException {
        write("a.txt", "a");
        syncWorkdir();
        store.forget(SyncRequest.key("c1", 0, "~/sky_workdir"));
        assertThat(syncWorkdir().filesSent()).isZero();
    }

    @Test
    void forgetMakesTheNextSyncSendEverythingEvenIfTheFolderWasReplaced() throws IOException {
        write("a.txt", "a");
        syncWorkdir();
        // Something else (a git clone) replaced the folder, same name.
        runner.run("rm -rf ~/sky_workdir && mkdir ~/sky_workdir && echo other > ~/sky_workdir/other.txt");
        sync.forget(SyncRequest.workdir(local, "c1", 0));
        assertThat(syncWorkdir().filesSent()).isEqualTo(1);
        assertThat(Files.readString(workdirOnNode.resolve("a.txt"))).isEqualTo("a");
    }

    @Test
    void aWipedNodeGetsEverythingAgain() throws IOException {
        write("a.txt", "a");
        write("b/c.txt", "c");
        syncWorkdir();
        runner.run("rm -rf ~/sky_workdir");
        SyncStats again = syncWorkdir();
        assertThat(again.filesSent()).isEqualTo(2);
        assertThat(nodeFiles()).containsExactly("a.txt", "b", "b/c.txt");
    }

    @Test
    void syncsAFileMountFileAndKeepsItsMode() throws IOException {
        write("creds.json", "{}");
        Files.setPosixFilePermissions(local.resolve("creds.json"), PosixFilePermissions.fromString("rw-------"));
        SyncStats stats = sync.sync(SyncRequest.fileMount(local.resolve("creds.json"), "~/.config/app/creds.json", "c1", 0));
        Path onNode = nodeHome.resolve(".config/app/creds.json");
        assertThat(stats.filesSent()).isEqualTo(1);
        assertThat(Files.readString(onNode)).isEqualTo("{}");
        assertThat(Files.getPosixFilePermissions(onNode)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(sync.sync(SyncRequest.fileMount(local.resolve("creds.json"), "~/.config/app/creds.json", "c1", 0)).upToDate()).isTrue();
        try (Stream<Path> s = Files.list(nodeHome.resolve(".config/app"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("creds.json");
        }
    }

    @Test
    void syncsAFolderMountToAnAbsolutePath() throws IOException {
        write("ds/part-0", "p0");
        Path target = tmp.resolve("abs/datasets");
        SyncStats stats = sync.sync(SyncRequest.fileMount(local.resolve("ds"), target.toString(), "c1", 0));
        assertThat(stats.filesSent()).isEqualTo(1);
        assertThat(Files.readString(target.resolve("part-0"))).isEqualTo("p0");
    }

    @Test
    void twoNodesSharingAHomeKeepSeparateManifests() throws IOException {
        write("a.txt", "a");
        sync.sync(SyncRequest.workdir(local, "c1", 0));
        assertThat(sync.sync(SyncRequest.workdir(local, "c1", 1)).filesSent()).isEqualTo(1);
        assertThat(sync.sync(SyncRequest.workdir(local, "c1", 0)).upToDate()).isTrue();
    }

    @Test
    void aMissingSourceIsAClearInputError() {
        assertThatThrownBy(() -> sync.sync(SyncRequest.workdir(local.resolve("nope"), "c1", 0)))
                .isInstanceOf(SkyException.class)
                .hasMessageContaining("nope").hasMessageContaining("no such file or folder")
                .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void reportsProgress() throws IOException {
        write("a", "12345");
        write("b", "678");
        int[] planned = new int[1];
        long[] last = new long[2];
        sync.sync(SyncRequest.workdir(local, "c1", 0), new SyncListener() {
            @Override
            public void planned(int files, long bytes) {
                planned[0] = files;
            }

            @Override
            public void sent(int files, long bytes) {
                last[0] = files;
                last[1] = bytes;
            }
        });
        assertThat(planned[0]).isEqualTo(2);
        assertThat(last).containsExactly(2, 8);
    }
}
