package dev.sky.provision.cluster;

import dev.sky.provision.ssh.HostKeyPin;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.SshTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens SSH runners to a cluster's nodes: the user's sky key (or the node's own identity file, for SSH node pools),
 * and each node's pinned host key.
 */
public final class ClusterNodes {
    private ClusterNodes() {}

    public static List<SshTarget> targets(ClusterHandle handle, Path userKey) {
        List<SshTarget> out = new ArrayList<>();
        for (ClusterHandle.Node n : handle.nodes()) {
            if (n.hostKey() == null) {
                throw new IllegalStateException("node " + n.rank() + " of the cluster has no pinned host key");
            }
            Path key = n.identityFile() != null ? Path.of(n.identityFile()) : userKey;
            out.add(new SshTarget(n.address(), n.port(), n.user(), key, new HostKeyPin.PublicKey(n.hostKey())));
        }
        return out;
    }

    /** One connection per node, opened lazily and shared by this command's channels. */
    public static NodeRunnerPool open(ClusterHandle handle, Path userKey, SshOptions options) {
        return NodeRunnerPool.of(targets(handle, userKey), options);
    }
}
