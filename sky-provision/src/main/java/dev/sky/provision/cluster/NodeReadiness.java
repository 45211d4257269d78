package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import dev.sky.provision.ssh.NodeConnectionException;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.SshOptions;
import java.time.Duration;

/** Waits for new nodes to answer SSH. */
final class NodeReadiness {
    private NodeReadiness() {}

    static SshOptions options() {
        return SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(20));
    }

    static void awaitSsh(NodeRunnerPool nodes) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        nodes.onEachNode((rank, r) -> {
            while (true) {
                try {
                    if (r.run("true") == 0) {
                        return null;
                    }
                } catch (NodeConnectionException e) {
                    if (!e.retryable() || System.nanoTime() > deadline) {
                        throw new SkyException(ExitCode.GENERIC, "Node " + rank + " (" + r.describe()
                                + ") did not answer SSH" + (e.retryable() ? " in time" : "") + ": " + e.getMessage());
                    }
                }
                Thread.sleep(TimeScale.millis(500));
            }
        });
    }
}
