package dev.sky.clouds.local.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.NodeInfo;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.xfer.InMemorySourceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local node looks like from an SSH client: login, environment, SFTP, activity, OpenSSH compatibility. */
class LocalNodeSshTest {
    @TempDir
    static Path skyHome;

    private static LocalProvisioner provisioner;
    private static SshKeyPair skyKey;
    private static ClusterInfo cluster;
    private static NodeInfo head;
    private static Path headHome;

    @BeforeAll
    static void createCluster() {
        provisioner = new LocalProvisioner(LocalTestSupport.context(skyHome));
        skyKey = LocalTestSupport.key("sky-key");
        cluster = provisioner.create(LocalTestSupport.request("sshtest", 1, skyKey,
                LocalTestSupport.key("cluster-key")));
        head = cluster.head();
        headHome = provisioner.nodeHome("sshtest", 0);
    }

    @AfterAll
    static void terminate() {
        provisioner.terminate(ClusterRef.of("sshtest"));
    }

    @Test
    void processesGetACleanEnvironmentWithTheNodeMarks() throws Exception {
        NodeSsh.Result r = NodeSsh.exec(head, skyKey.privateKey(), "env",
                Map.of("SKY_TEST_LEAK", "from-client", "LC_SKY_TEST", "kept", "LANG", "C"));

        assertThat(r.exitCode()).isZero();
        List<String> env = r.stdout().lines().toList();
        assertThat(env).contains("HOME=" + headHome, "SKY_NODE_ID=sshtest/0", "SKY_NODE_HOME=" + headHome,
                "USER=" + System.getProperty("user.name"), "SHELL=/bin/sh", "LC_SKY_TEST=kept", "LANG=C",
                "SKY_TIME_SCALE=" + LocalTestSupport.TIME_SCALE, "SKY_LOCAL_ROOT=" + headHome.resolve("sky_root"));
        assertThat(env).anyMatch(l -> l.startsWith("PATH="));
        assertThat(env).noneMatch(l -> l.startsWith("SKY_TEST_LEAK=") || l.startsWith("SKY_HOME=")
                || l.startsWith("MAVEN_") || l.startsWith("JAVA_TOOL_OPTIONS="));
    }

    @Test
    void commandsRunInTheNodeHomeWithStdinAndExitCode() throws Exception {
        try (SSHClient ssh = NodeSsh.connect(head, skyKey.privateKey()); Session s = ssh.startSession()) {
            Session.Command cmd = s.exec("pwd; cat; echo oops >&2; exit 7");
            cmd.getOutputStream().write("from stdin\n".getBytes(StandardCharsets.UTF_8));
            cmd.getOutputStream().close();
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(cmd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(30, TimeUnit.SECONDS);
            assertThat(out).isEqualTo(headHome + "\nfrom stdin\n");
            assertThat(err).isEqualTo("oops\n");
            assertThat(cmd.getExitStatus()).isEqualTo(7);
        }
    }

    @Test
    void aKeyThatIsNotAuthorizedIsRejected(@TempDir Path other) {
        SshKeyPair stranger = SshKeyPair.ensure(other.resolve("stranger"), "stranger");
        assertThatThrownBy(() -> NodeSsh.exec(head, stranger.privateKey(), "true"))
                .isInstanceOf(UserAuthException.class);
    }

    @Test
    void anotherUserNameIsRejected() {
        NodeInfo asRoot = new NodeInfo(0, head.instanceId(), head.internalIp(), head.externalAddress(),
                head.sshPort(), head.sshUser() + "-not", head.hostPublicKey(), head.status());
        assertThatThrownBy(() -> NodeSsh.exec(asRoot, skyKey.privateKey(), "true"))
                .isInstanceOf(UserAuthException.class);
    }

    @Test
    void sftpTakesAbsolutePathsAsIsAndRelativeOnesFromTheNodeHome(@TempDir Path target) throws Exception {
        Path absolute = target.resolve("abs.txt");
        try (SSHClient ssh = NodeSsh.connect(head, skyKey.privateKey()); SFTPClient sftp = ssh.newSFTPClient()) {
            sftp.put(source("absolute\n"), absolute.toString());
            sftp.put(source("relative\n"), "rel.txt");
            assertThat(sftp.canonicalize(".")).isEqualTo(headHome.toString());
        }
        assertThat(absolute).hasContent("absolute");
        assertThat(headHome.resolve("rel.txt")).hasContent("relative");
    }

    @Test
    void anOpenSessionKeepsTouchingTheActivityFile() throws Exception {
        Path activity = headHome.resolve(".sky/clusters/sshtest/node-0/ssh_activity");
        try (SSHClient ssh = NodeSsh.connect(head, skyKey.privateKey()); Session s = ssh.startSession()) {
            Session.Command cmd = s.exec("sleep 60");
            assertThat(waitFor(() -> Files.exists(activity))).isTrue();
            Files.setLastModifiedTime(activity, FileTime.fromMillis(0));
            // The host touches it again every 10 s x SKY_TIME_SCALE while the session is open.
            assertThat(waitFor(() -> Files.getLastModifiedTime(activity).toMillis() > 0))
                    .as("touched again; host log:%n%s", Files.readString(skyHome.resolve("local/sshtest/host.log")))
                    .isTrue();
            cmd.close();
        }
    }

    @Test
    void systemOpenSshClientLogsInWithThePinnedHostKey(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("ssh"), "no OpenSSH client on PATH");
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "[" + head.externalAddress() + "]:" + head.sshPort() + " "
                + head.hostPublicKey() + "\n");
        Process ssh = new ProcessBuilder("ssh", "-i", skyKey.privateKey().toString(), "-p",
                Integer.toString(head.sshPort()), "-F", "/dev/null", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                head.sshUser() + "@" + head.externalAddress(), "echo hi from $SKY_NODE_ID")
                .redirectErrorStream(true).start();
        String out = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ssh.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).as(out).isZero();
        assertThat(out).contains("hi from sshtest/0");

        Files.writeString(knownHosts, "[" + head.externalAddress() + "]:" + head.sshPort() + " "
                + LocalTestSupport.key("cluster-key").publicKeyLine() + "\n");
        Process mismatch = new ProcessBuilder("ssh", "-i", skyKey.privateKey().toString(), "-p",
                Integer.toString(head.sshPort()), "-F", "/dev/null", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                head.sshUser() + "@" + head.externalAddress(), "true").redirectErrorStream(true).start();
        mismatch.getInputStream().readAllBytes();
        assertThat(mismatch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(mismatch.exitValue()).as("a wrong pinned key must fail").isNotZero();
    }

    @Test
    void nodeFilesArePrivate() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(headHome))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                skyHome.resolve("local/sshtest/node-0/.sky-node/ssh_host_ecdsa_key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                skyHome.resolve("local/sshtest/node-0/.sky-node/authorized_keys")))).isEqualTo("rw-------");
    }

    private static InMemorySourceFile source(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InMemorySourceFile() {
            @Override
            public String getName() {
                return "upload";
            }

            @Override
            public long getLength() {
                return bytes.length;
            }

            @Override
            public java.io.InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Bounded polling: generous, since it bounds a wait and does not measure speed. */
    static boolean waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.ok();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
