package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.reconcile.RuntimeProbe;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH side of the runtime probe against heads that cannot answer: a port that refuses, and a server that accepts
 * the connection and never says a word (a frozen sshd). Both are "no answer", and the probe returns in bounded time.
 */
class SshRuntimeProbeTest {
    @TempDir
    Path home;
    EngineFixture f;

    @BeforeEach
    void open() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static ClusterRecord upAt(int port) {
        ClusterHandle h = new ClusterHandle("aws", "AWS", "r1", "r1-a", "m.large", false, 1, 2, 8, null, 0,
                List.of(new ClusterHandle.Node(0, "i-1", "127.0.0.1", port, "127.0.0.1", "sky",
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")));
        Instant t = Instant.now();
        return new ClusterRecord("c", ClusterStatus.UP, "aws", "r1", "r1-a", 1, null, h.toJson(), null, t, t, null,
                null);
    }

    @Test
    void aRefusedConnectionIsNoAnswer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RuntimeProbe.Result r = new SshRuntimeProbe(f.ctx).probe(upAt(port));
        assertThat(r.outcome()).isEqualTo(RuntimeProbe.Outcome.NO_ANSWER);
        assertThat(r.detail()).contains("127.0.0.1");
    }

    @Test
    @Timeout(120) // a probe that waited for the silent server would never return: fail instead of hanging
    void aServerThatAcceptsAndNeverAnswersIsNoAnswerWithinTheBound() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(s.accept()); // accepted, then silent: no SSH banner ever
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RuntimeProbe.Result r = new SshRuntimeProbe(f.ctx).probe(upAt(s.getLocalPort()));

            assertThat(r.outcome()).isEqualTo(RuntimeProbe.Outcome.NO_ANSWER);
            assertThat(r.detail()).contains("did not answer within 10 s");
        } finally {
            for (Socket c : held) {
                c.close();
            }
        }
    }
}
