package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.runtime.ShellQuote;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sets up one bucket file mount on every node. Each node gets one rclone remote, scoped to the bucket, as a 0600 file
 * in its runtime folder; then {@code sky-rt storage-copy} downloads the bucket path (COPY, as SkyPilot does it: on the
 * node, from the bucket; the file is deleted when the copy ends) or {@code sky-rt storage-mount} starts rclone mount.
 */
final class NodeMounter {
    private final String cluster;
    private final NodeRunnerPool nodes;
    private final Provisioner provisioner;

    NodeMounter(String cluster, NodeRunnerPool nodes, Provisioner provisioner) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.provisioner = provisioner;
    }

    /** {@code say} gets the remote's notices (its expiry, or why it is not scoped) before any node is touched. */
    void copy(MountPlan plan, ObjectStore store, Consumer<String> say) {
        run(plan, store, "storage-copy", "", "Copying " + plan.uri() + " to ", say);
    }

    void mount(MountPlan plan, ObjectStore store, Consumer<String> say) {
        run(plan, store, "storage-mount", " " + plan.mode().name(), "Mounting " + plan.uri() + " at ", say);
    }

    /** {@code sky-rt VERB ID[ MODE] DEST REMOTE} on every node, after writing the remote's rclone.conf there. */
    private void run(MountPlan plan, ObjectStore store, String verb, String mode, String doing, Consumer<String> say) {
        String dest = provisioner.nodePath(plan.destination());
        String id = mountId(plan.destination());
        RcloneRemote rclone = store.rcloneRemote(plan.bucket());
        rclone.notices().forEach(say);
        byte[] conf = RcloneConfig.text(plan.bucket(), rclone).getBytes(StandardCharsets.UTF_8);
        String remote = RcloneConfig.remoteName(plan.bucket()) + ":" + plan.bucket()
                + (plan.prefix().isEmpty() ? "" : "/" + plan.prefix());
        RuntimeCommands rt = new RuntimeCommands(cluster);
        nodes.onEachNode((rank, r) -> {
            r.upload(conf, ".sky/clusters/" + cluster + "/node-" + rank + "/storage/" + id + "/rclone.conf", 0600);
            String cmd = rt.sky(rank) + " " + verb + " " + id + mode + " " + ShellQuote.quote(dest) + " "
                    + ShellQuote.quote(remote);
            CapturedOutput err = new CapturedOutput();
            int code = r.run(cmd, null, OutputSink.discard(), err);
            if (code != 0) {
                throw new SkyException(ExitCode.GENERIC, doing + plan.destination() + " on node " + rank
                        + " failed: " + err.text().strip().replace("sky-rt: ", ""));
            }
            return null;
        });
    }

    /** A stable folder name for a destination. */
    static String mountId(String destination) {
        return "m" + Integer.toHexString(destination.hashCode() & 0x7fffffff);
    }
}
