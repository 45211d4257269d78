package dev.sky.provision.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.sky.provision.access.SshKeyPair;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRunnerTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path userKey;
    private TestSshServer server;
    private NodeRunner runner;

    @BeforeEach
    void startNode() throws IOException {
        home = Files.createDirectories(tmp.resolve("node-home"));
        KeyPair user = TestKeys.newEcKeyPair();
        userKey = TestKeys.writePrivateKey(user, tmp.resolve("keys/sky-key"));
        server = TestSshServer.start(home, user.getPublic());
        runner = new NodeRunner(server.target("sky", userKey), fastOptions());
    }

    @AfterEach
    void stopNode() throws IOException {
        runner.close();
        server.close();
    }

    static SshOptions fastOptions() {
        return SshOptions.defaults().withRetryBackoff(Duration.ZERO).withConnectTimeout(Duration.ofSeconds(10));
    }

    @Test
    void returnsTheCommandsExitCode() {
        assertThat(runner.run("true")).isZero();
        assertThat(runner.run("exit 7")).isEqualTo(7);
        assertThat(runner.run("kill -9 $$")).isEqualTo(128 + 9);
    }

    @Test
    void runsUnderAShellInTheHomeFolder() {
        CapturedOutput out = new CapturedOutput();
        int code = runner.run("pwd; echo \"$HOME\" | wc -c > count.txt; cat count.txt", null, out, OutputSink.discard());
        assertThat(code).isZero();
        assertThat(out.text()).startsWith(home.toString() + "\n");
        assertThat(home.resolve("count.txt")).exists();
    }

    @Test
    void streamsOutputAsItArrivesInOrder() {
        List<String> stdout = new CopyOnWriteArrayList<>();
        List<String> stderr = new CopyOnWriteArrayList<>();
        CountDownLatch firstSeen = new CountDownLatch(1);
        LineSink out = new LineSink(line -> {
            stdout.add(line);
            firstSeen.countDown();
        });
        // The command only goes on once we answer on stdin, and we answer only after its first line reached us: this
        // passes only if output is delivered while the command is still running.
        StdinSource answerAfterFirstLine = in -> {
            try {
                if (!firstSeen.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
        };
        int code = runner.run("echo first; echo warn1 >&2; read answer; echo \"second $answer\"; echo warn2 >&2; echo third",
                answerAfterFirstLine, out, new LineSink(stderr::add));
        assertThat(code).isZero();
        assertThat(stdout).containsExactly("first", "second go", "third");
        assertThat(stderr).containsExactly("warn1", "warn2");
    }

    @Test
    void sendsBinaryStdinIntact() {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        CapturedOutput out = new CapturedOutput();
        int code = runner.run("cat", StdinSource.of(payload), out, OutputSink.discard());
        assertThat(code).isZero();
        assertThat(out.bytes()).isEqualTo(payload);
    }

    @Test
    void aCommandThatStopsReadingItsInputStillReportsItsExitCode() {
        byte[] chunk = new byte[1024 * 1024];
        CapturedOutput err = new CapturedOutput();
        // 200 MB would outlast any window: the writer must give up when the command ends, not hang.
        int code = runner.run("head -c 10 > /dev/null; echo stopped >&2; exit 3", out -> {
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
        }, OutputSink.discard(), err);
        assertThat(code).isEqualTo(3);
        assertThat(err.text()).isEqualTo("stopped\n");
        assertThat(runner.run("exit 4")).as("the connection is still usable").isEqualTo(4);
    }

    @Test
    void keepsA300000CharacterLineIntact() {
        StringBuilder longLine = new StringBuilder();
        Random random = new Random(7);
        while (longLine.length() < 300_000) {
            // Multi-byte characters, so chunk borders fall inside them too.
            longLine.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
        }
        String line = longLine.substring(0, 300_000);
        List<String> lines = new CopyOnWriteArrayList<>();
        int code = runner.run("cat; echo after", StdinSource.of(line + "\n"), new LineSink(lines::add), OutputSink.discard());
        assertThat(code).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(300_000).isEqualTo(line);
        assertThat(lines.get(1)).isEqualTo("after");
    }

    @Test
    void uploadsWithTheGivenModeAndKeepsContentOffTheCommandLine() throws IOException {
        Path existing = Files.createDirectories(home.resolve(".sky/env")).resolve("job.env");
        Files.writeString(existing, "old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        String secret = "export HF_TOKEN='hf_s3cr3t_value'\n";

        runner.upload(secret.getBytes(StandardCharsets.UTF_8), "~/.sky/env/job.env", 0600);
        runner.upload(secret.getBytes(StandardCharsets.UTF_8), "fresh/dir/job2.env", 0600);

        assertThat(Files.readString(existing)).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path fresh = home.resolve("fresh/dir/job2.env");
        assertThat(Files.readString(fresh)).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(server.commands()).noneMatch(c -> c.contains("s3cr3t"));
        try (var files = Files.list(home.resolve(".sky/env"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("job.env");
        }
    }

    @Test
    void uploadsAnExecutableFile() throws IOException {
        Path script = tmp.resolve("hello.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        runner.upload(script, "~/.sky/runtime/hello.sh", 0755);
        CapturedOutput out = new CapturedOutput();
        assertThat(runner.run("~/.sky/runtime/hello.sh", null, out, OutputSink.discard())).isZero();
        assertThat(out.text()).isEqualTo("hi\n");
    }

    @Test
    void sharesOneConnectionAcrossCommandsAndThreads() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(runner.run("exit " + i)).isEqualTo(i);
        }
        try (NodeRunnerPool sameNodeFourTimes = new NodeRunnerPool(List.of(runner, runner, runner, runner))) {
            assertThat(sameNodeFourTimes.runOnAll("echo x", null, r -> OutputSink.discard(), r -> OutputSink.discard()))
                    .containsExactly(0, 0, 0, 0);
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void refusesANodeWhoseHostKeyIsNotThePinnedOne() {
        String otherKey = TestSshServerKeys.otherHostKeyLine();
        SshTarget pinnedWrong = new SshTarget("127.0.0.1", server.port(), "sky", userKey, new HostKeyPin.PublicKey(otherKey));
        try (NodeRunner wrong = new NodeRunner(pinnedWrong, fastOptions())) {
            assertThatThrownBy(() -> wrong.run("touch should-not-exist"))
                    .isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("host key")
                    .hasMessageContaining("not retryable")
                    .satisfies(e -> assertThat(((NodeConnectionException) e).retryable()).isFalse());
        }
        assertThat(server.commands()).isEmpty();
        assertThat(home.resolve("should-not-exist")).doesNotExist();
    }

    @Test
    void acceptsAndRejectsThroughAKnownHostsFile() throws IOException {
        Path good = Files.writeString(tmp.resolve("known_hosts"),
                "# pinned\n[127.0.0.1]:" + server.port() + " " + server.hostKeyLine() + "\n");
        Path bad = Files.writeString(tmp.resolve("known_hosts_bad"),
                "[127.0.0.1]:" + server.port() + " " + TestSshServerKeys.otherHostKeyLine() + "\n");
        try (NodeRunner ok = new NodeRunner(new SshTarget("127.0.0.1", server.port(), "sky", userKey,
                new HostKeyPin.KnownHosts(good)), fastOptions())) {
            assertThat(ok.run("exit 4")).isEqualTo(4);
        }
        try (NodeRunner refused = new NodeRunner(new SshTarget("127.0.0.1", server.port(), "sky", userKey,
                new HostKeyPin.KnownHosts(bad)), fastOptions())) {
            assertThatThrownBy(() -> refused.run("true")).isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("not retryable").hasMessageContaining(bad.toString());
        }
    }

    @Test
    void wrongUserKeyIsNotRetried() throws IOException {
        Path strangerKey = TestKeys.writePrivateKey(TestKeys.newEcKeyPair(), tmp.resolve("keys/stranger"));
        try (NodeRunner stranger = new NodeRunner(server.target("sky", strangerKey), fastOptions().withConnectAttempts(5))) {
            assertThatThrownBy(stranger::connect).isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("refused the key").hasMessageContaining("not retryable");
        }
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void retriesOnlyConnectionErrorsThenSaysHowOftenItTried() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SshTarget nobody = new SshTarget("127.0.0.1", closedPort, "sky", userKey, new HostKeyPin.PublicKey(server.hostKeyLine()));
        try (NodeRunner r = new NodeRunner(nobody, fastOptions().withConnectAttempts(3))) {
            assertThatThrownBy(r::connect).isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("after 3 attempt(s)").hasMessageContaining("refused")
                    .satisfies(e -> assertThat(((NodeConnectionException) e).retryable()).isTrue());
        }
    }

    @Test
    void worksWithRsaKeysInOpenSshFormatOnBothSides() throws Exception {
        SshKeyPair skyKey = SshKeyPair.ensure(tmp.resolve("keys/sky-rsa"), "sky");
        PublicKey userPublic = PinnedHostKeyVerifier.parseOpenSshKey(skyKey.publicKeyLine());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        try (TestSshServer rsaNode = TestSshServer.start(home, userPublic, rsa.generateKeyPair());
                NodeRunner r = new NodeRunner(rsaNode.target("sky", skyKey.privateKey()), fastOptions())) {
            assertThat(rsaNode.hostKeyLine()).startsWith("ssh-rsa ");
            assertThat(r.run("exit 5")).isEqualTo(5);
        }
    }

    @Test
    void refusesWeakAlgorithmsEvenWhenTheNodeOffersNothingElse() throws Exception {
        KeyPair user = TestKeys.newEcKeyPair();
        Path key = TestKeys.writePrivateKey(user, tmp.resolve("keys/weak"));
        try (TestSshServer weak = TestSshServer.start(home, user.getPublic(),
                        s -> s.setCipherFactories(List.of(BuiltinCiphers.aes128cbc, BuiltinCiphers.tripledescbc)));
                NodeRunner r = new NodeRunner(weak.target("sky", key), fastOptions().withConnectAttempts(3))) {
            assertThatThrownBy(r::connect).isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("not retryable");
            assertThat(weak.commands()).isEmpty();
        }
    }

    @Test
    void aRefusedExtraChannelLeavesTheRunningCommandAlone() throws Exception {
        KeyPair user = TestKeys.newEcKeyPair();
        Path key = TestKeys.writePrivateKey(user, tmp.resolve("keys/one-channel"));
        try (TestSshServer oneChannel = TestSshServer.start(home, user.getPublic(),
                        NodeRunnerTest::allowOneChannelAtATime);
                NodeRunner r = new NodeRunner(oneChannel.target("sky", key), fastOptions())) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            int[] firstCode = new int[1];
            Thread first = new Thread(() -> firstCode[0] = r.run("echo started; read line; exit 6", out -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("go\n".getBytes(StandardCharsets.UTF_8));
            }, new LineSink(l -> started.countDown()), OutputSink.discard()));
            first.start();
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> r.run("true")).isInstanceOf(NodeConnectionException.class)
                    .hasMessageContaining("refused a new channel");
            release.countDown();
            first.join();
            assertThat(firstCode[0]).isEqualTo(6);
            assertThat(oneChannel.sessionsOpened()).isEqualTo(1);
        }
    }

    /** Refuses a second concurrent channel politely, as OpenSSH does past MaxSessions. */
    private static void allowOneChannelAtATime(SshServer server) {
        AtomicInteger open = new AtomicInteger();
        server.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                open.incrementAndGet();
            }

            @Override
            public void channelClosed(Channel channel, Throwable reason) {
                open.decrementAndGet();
            }
        });
        server.setChannelFactories(List.of(new ChannelFactory() {
            @Override
            public String getName() {
                return "session";
            }

            @Override
            public Channel createChannel(org.apache.sshd.common.session.Session session) throws IOException {
                return open.get() >= 1 ? null : ChannelSessionFactory.INSTANCE.createChannel(session);
            }
        }));
    }

    @Test
    void reconnectsLazilyAfterTheConnectionWasClosed() {
        assertThat(runner.run("true")).isZero();
        runner.close();
        NodeRunner again = new NodeRunner(server.target("sky", userKey), fastOptions());
        assertThat(again.run("exit 2")).isEqualTo(2);
        again.close();
        assertThat(server.sessionsOpened()).isEqualTo(2);
    }
}
