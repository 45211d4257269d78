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
import dev.sky.provision.sync.IgnoreFiles;
import dev.sky.provision.sync.LocalManifestStore;
import dev.sky.provision.sync.SyncRequest;
import dev.sky.provision.sync.TreeSync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Sets up one bucket mount on every node: COPY sends the mirrored bucket by the incremental tree sync; MOUNT and
 * MOUNT_CACHED write one rclone remote, scoped to the bucket, as a 0600 file in the node's runtime folder and let
 * {@code sky-rt storage-mount} start rclone.
 */
final class NodeMounter {
    private final String cluster;
    private final NodeRunnerPool nodes;
    private final Provisioner provisioner;
    private final LocalManifestStore manifests;

    NodeMounter(String cluster, NodeRunnerPool nodes, Provisioner provisioner, LocalManifestStore manifests) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.provisioner = provisioner;
        this.manifests = manifests;
    }

    void copy(MountPlan plan, Path mirror) {
        String dest = provisioner.nodePath(plan.destination());
        nodes.onEachNode((rank, r) -> new TreeSync(r, manifests).sync(new SyncRequest(mirror, dest,
                SyncRequest.key(cluster, rank, dest), IgnoreFiles.NONE)));
    }

    /** {@code say} gets the remote's notices (its expiry, or why it is not scoped) before any node is touched. */
    void mount(MountPlan plan, ObjectStore store, Consumer<String> say) {
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
            String cmd = rt.sky(rank) + " storage-mount " + id + " " + plan.mode().name() + " "
                    + ShellQuote.quote(dest) + " " + ShellQuote.quote(remote);
            CapturedOutput err = new CapturedOutput();
            int code = r.run(cmd, null, OutputSink.discard(), err);
            if (code != 0) {
                throw new SkyException(ExitCode.GENERIC, "Mounting " + plan.uri() + " at " + plan.destination()
                        + " on node " + rank + " failed: " + err.text().strip().replace("sky-rt: ", ""));
            }
            return null;
        });
    }

    /** A stable folder name for a destination. */
    static String mountId(String destination) {
        return "m" + Integer.toHexString(destination.hashCode() & 0x7fffffff);
    }
}
