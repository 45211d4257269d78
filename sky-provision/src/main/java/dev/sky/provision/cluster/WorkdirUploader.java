package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.FileMount;
import dev.sky.core.task.Task;
import dev.sky.core.task.Workdir;
import dev.sky.provision.runtime.ShellQuote;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.storage.UploadPreflight;
import dev.sky.provision.sync.SyncRequest;
import dev.sky.provision.sync.SyncStats;
import dev.sky.provision.sync.TreeSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts the task's workdir in {@code ~/sky_workdir} and its local file mounts at their destinations, on every node in
 * parallel. Later syncs send only what changed. A git workdir is cloned on the nodes at its ref.
 */
final class WorkdirUploader {
    private final ClusterContext ctx;
    private final LaunchProgress progress;

    WorkdirUploader(ClusterContext ctx, LaunchProgress progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    void upload(String cluster, Task task, NodeRunnerPool nodes, Provisioner provisioner) {
        Workdir w = task.workdir();
        if (w != null && w.isGit()) {
            progress.stage("Cloning " + w.gitUrl() + (w.gitRef() == null ? "" : " at " + w.gitRef())
                    + " on " + nodes.size() + " node(s)");
            cloneOnNodes(w, nodes);
            // The clone replaced ~/sky_workdir: a later local-workdir sync must not trust the old manifest.
            for (int rank = 0; rank < nodes.size(); rank++) {
                new TreeSync(nodes.node(rank), ctx.manifests()).forget(SyncRequest.workdir(Path.of("."), cluster,
                        rank));
            }
            progress.stageDone();
        } else if (w != null && w.localPath() != null) {
            Path src = resolve(w.localPath());
            if (!Files.isDirectory(src)) {
                throw new SkyException(ExitCode.INVALID_INPUT, "workdir: " + w.localPath() + " is not a folder");
            }
            // Preflight: what is about to travel, and a warning when it is large (docs/storage.md).
            UploadPreflight.Size size = UploadPreflight.measure(src);
            UploadPreflight.from(ctx.env()).warning("The workdir " + w.localPath(), size).ifPresent(progress::info);
            progress.stage("Syncing the workdir (" + size + ") to " + nodes.size() + " node(s)");
            List<SyncStats> stats = nodes.onEachNode((rank, r) ->
                    new TreeSync(r, ctx.manifests()).sync(SyncRequest.workdir(src, cluster, rank)));
            progress.detail(describe(stats.get(0)));
            progress.stageDone();
        }
        if (task.fileMounts().values().stream().allMatch(dev.sky.provision.storage.MountPlans::isBucketMount)) {
            return;
        }
        progress.stage("Syncing " + task.fileMounts().values().stream()
                .filter(m -> !dev.sky.provision.storage.MountPlans.isBucketMount(m)).count() + " file mount(s)");
        for (FileMount m : task.fileMounts().values()) {
            if (dev.sky.provision.storage.MountPlans.isBucketMount(m)) {
                continue; // buckets: StorageMounts
            }
            Path src = resolve(m.source());
            if (!Files.exists(src)) {
                throw new SkyException(ExitCode.INVALID_INPUT, "file_mounts." + m.destination() + ": "
                        + m.source() + " does not exist");
            }
            UploadPreflight.from(ctx.env()).warning("file_mounts." + m.destination() + " (" + m.source() + ")",
                    UploadPreflight.measure(src)).ifPresent(progress::info);
            String dest = provisioner.nodePath(m.destination());
            nodes.onEachNode((rank, r) ->
                    new TreeSync(r, ctx.manifests()).sync(SyncRequest.fileMount(src, dest, cluster, rank)));
        }
        progress.stageDone();
    }

    private static void cloneOnNodes(Workdir w, NodeRunnerPool nodes) {
        String ref = w.gitRef();
        String cmd = "set -e; command -v git >/dev/null || { echo 'git is not installed on the node' >&2; exit 127; }; "
                + "rm -rf ~/sky_workdir.tmp; git clone -q " + ShellQuote.quote(w.gitUrl()) + " ~/sky_workdir.tmp; "
                + (ref == null ? "" : "cd ~/sky_workdir.tmp && git checkout -q " + ShellQuote.quote(ref) + " && cd; ")
                + "rm -rf ~/sky_workdir; mv ~/sky_workdir.tmp ~/sky_workdir";
        nodes.onEachNode((rank, r) -> {
            CapturedOutput err = new CapturedOutput();
            int code = r.run(cmd, null, OutputSink.discard(), err);
            if (code != 0) {
                throw new SkyException(ExitCode.GENERIC, "Cloning the workdir on node " + rank + " failed: "
                        + err.text().strip());
            }
            return null;
        });
    }

    private Path resolve(String path) {
        String p = path.equals("~") || path.startsWith("~/") ? ctx.paths().userHome() + path.substring(1) : path;
        return Path.of(p).toAbsolutePath().normalize();
    }

    static String describe(SyncStats s) {
        return s.filesSent() + " file(s), " + human(s.bytesSent()) + " sent" + (s.pathsRemoved() > 0
                ? ", " + s.pathsRemoved() + " removed" : "");
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
