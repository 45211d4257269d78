package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.provision.access.SshKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Node mode: an instance is a real local-cloud node. Log in with the imported key and with a key from the
 * cloud-config user data, shut it down from inside, start it again (once at a new address), terminate it, and check
 * nothing runs after.
 */
class Ec2EmulatorNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void nodeBackedInstanceAcceptsSshShutsDownFromInsideAndEndsOnTerminate() throws Exception {
        SshKeyPair key = SshKeyPair.ensure(tmp.resolve("sky-key"), "sky-test");
        SshKeyPair clusterKey = SshKeyPair.ensure(tmp.resolve("cluster-key"), "sky-cluster-test");
        try (Ec2Emulator emulator = Ec2Emulator.start(EmulatorOptions.nodeBacked());
             Ec2Client ec2 = EmulatorClients.ec2(emulator, "us-east-1")) {
            ec2.importKeyPair(r -> r.keyName("sky-key").publicKeyMaterial(
                    SdkBytes.fromString(key.publicKeyLine(), StandardCharsets.UTF_8)));
            String userData = "#cloud-config\nssh_authorized_keys:\n  - " + clusterKey.publicKeyLine() + "\n";
            String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("node").keyName("sky-key")
                    .instanceInitiatedShutdownBehavior("stop")
                    .userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)))
                    .build()).instances().get(0).instanceId();

            Instance up = awaitState(ec2, id, InstanceStateName.RUNNING);
            assertThat(up.publicIpAddress()).startsWith("127.");
            assertThat(exec(up, key.privateKey(), "echo ok")).isEqualTo("ok\n");
            assertThat(exec(up, clusterKey.privateKey(), "echo ok")).isEqualTo("ok\n");

            try {
                exec(up, key.privateKey(), "sudo shutdown -h now");
            } catch (IOException e) {
                // the node goes down under the session, as a real machine does
            }
            Instance stopped = awaitState(ec2, id, InstanceStateName.STOPPED);
            assertThat(stopped.stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
            assertThat(emulator.nodeHostPid(id)).isEmpty();

            ec2.startInstances(r -> r.instanceIds(id));
            Instance again = awaitState(ec2, id, InstanceStateName.RUNNING);
            assertThat(exec(again, key.privateKey(), "echo ok")).isEqualTo("ok\n");
            assertThat(again.publicIpAddress()).as("a plain restart keeps the address").isEqualTo(up.publicIpAddress());

            // Without an Elastic IP, a restart may come back at a new address: the node moves, its disk stays.
            exec(again, key.privateKey(), "echo kept > ~/disk-mark");
            ec2.stopInstances(r -> r.instanceIds(id));
            awaitState(ec2, id, InstanceStateName.STOPPED);
            emulator.newAddressOnNextStart(id);
            ec2.startInstances(r -> r.instanceIds(id));
            Instance moved = awaitState(ec2, id, InstanceStateName.RUNNING);
            assertThat(moved.publicIpAddress()).startsWith("127.").isNotEqualTo(again.publicIpAddress());
            assertThat(exec(moved, key.privateKey(), "cat ~/disk-mark")).isEqualTo("kept\n");
            assertThat(refused(again)).as("nothing listens at the old address").isTrue();
            long hostPid = emulator.nodeHostPid(id).orElseThrow();

            ec2.terminateInstances(r -> r.instanceIds(id));
            awaitState(ec2, id, InstanceStateName.TERMINATED);
            assertThat(ProcessHandle.of(hostPid).filter(ProcessHandle::isAlive)).as("the node host").isEmpty();
            assertThat(Files.exists(emulator.nodeHome(id))).isFalse();
            assertThat(refused(moved)).as("nothing listens at the node's SSH port").isTrue();
            assertThat(emulator.liveInstances()).isEmpty();
        }
    }

    private static Instance awaitState(Ec2Client ec2, String id, InstanceStateName state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Instance i = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
            if (i.state().name() == state) {
                return i;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " is " + i.state().name() + ", not " + state + " after " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private static String tag(Instance i, String key) {
        return i.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst()
                .orElseThrow(() -> new AssertionError(i.instanceId() + " has no tag " + key));
    }

    private static String exec(Instance i, Path privateKey, String command) throws IOException {
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(new PromiscuousVerifier()); // a loopback node made by this test
            ssh.connect(i.publicIpAddress(), Integer.parseInt(tag(i, "sky-ssh-port")));
            ssh.authPublickey(tag(i, "sky-ssh-user"), ssh.loadKeys(privateKey.toString()));
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec(command);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                cmd.getInputStream().transferTo(out);
                cmd.join(30, TimeUnit.SECONDS);
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean refused(Instance i) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(i.publicIpAddress(), Integer.parseInt(tag(i, "sky-ssh-port"))), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }
}
