package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import dev.sky.provision.ssh.SshAlgorithms;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Pins the host key of nodes whose cloud cannot tell it in advance (EC2 makes it at first boot): the key the node
 * presents at its first SSH handshake is recorded in the handle, and every later connection must present that same
 * key. Trust on first use, as SkyPilot's {@code StrictHostKeyChecking=no}, but only once per node, not on every
 * connection. Nodes that already have a pinned key are left as they are.
 */
final class HostKeyLearner {
    private static final Duration WAIT = Duration.ofMinutes(5);

    private HostKeyLearner() {}

    static ClusterHandle learn(ClusterHandle handle) {
        return learn(handle, null);
    }

    /**
     * Fills in missing host keys: from {@code previous} for the same instance (a started node keeps its disk and so
     * its key), else from the node's first handshake.
     */
    static ClusterHandle learn(ClusterHandle handle, ClusterHandle previous) {
        if (handle.nodes().stream().allMatch(n -> n.hostKey() != null)) {
            return handle;
        }
        List<ClusterHandle.Node> out = new ArrayList<>();
        for (ClusterHandle.Node n : handle.nodes()) {
            String key = n.hostKey();
            if (key == null && previous != null) {
                key = previous.nodes().stream().filter(o -> o.instanceId() != null
                        && o.instanceId().equals(n.instanceId())).map(ClusterHandle.Node::hostKey)
                        .filter(k -> k != null).findFirst().orElse(null);
            }
            if (key == null) {
                key = scan(n.address(), n.port());
            }
            out.add(new ClusterHandle.Node(n.rank(), n.instanceId(), n.address(), n.port(), n.internalIp(), n.user(),
                    key, n.identityFile()));
        }
        return new ClusterHandle(handle.cloud(), handle.cloudDisplay(), handle.region(), handle.zone(),
                handle.instanceType(), handle.spot(), handle.hourlyCostPerNode(), handle.cpusPerNode(), handle.memoryGb(),
                handle.acceleratorName(), handle.acceleratorCount(), out);
    }

    /** The node's host key in OpenSSH form, waiting until its SSH server answers. */
    static String scan(String host, int port) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            PublicKey[] seen = new PublicKey[1];
            try (SSHClient c = new SSHClient(SshAlgorithms.config())) {
                c.addHostKeyVerifier(new HostKeyVerifier() {
                    @Override
                    public boolean verify(String hostname, int p, PublicKey key) {
                        seen[0] = key;
                        return true;
                    }

                    @Override
                    public List<String> findExistingAlgorithms(String hostname, int p) {
                        return List.of();
                    }
                });
                c.setConnectTimeout(10_000);
                c.connect(host, port);
            } catch (IOException e) {
                last = e;
            }
            if (seen[0] != null) {
                return openSsh(seen[0]);
            }
            try {
                Thread.sleep(TimeScale.millis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SkyException(ExitCode.GENERIC, "Interrupted while waiting for SSH on " + host);
            }
        }
        throw new SkyException(ExitCode.GENERIC, "Node " + host + ":" + port + " did not answer SSH within "
                + WAIT.toMinutes() + " minutes" + (last == null ? "" : ": " + last.getMessage()));
    }

    static String openSsh(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob);
    }
}
