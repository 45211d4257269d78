package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import dev.sky.core.fault.FaultPoint;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.Provisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Terminates a cluster and forgets it, in that order: the state row goes only after the cloud confirms that no node
 * is left. A cloud that says "terminated" while a node still runs keeps the row, and the command fails.
 */
final class ClusterTeardown {
    private final ClusterContext ctx;
    private final LaunchProgress progress;

    ClusterTeardown(ClusterContext ctx, LaunchProgress progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    void terminateAndForget(String name, String cloud, ClusterRef ref) {
        Provisioner p = ctx.provisioner(cloud);
        p.terminate(ref);
        FaultPoint.DOWN_AFTER_TERMINATE.hit();
        confirmGone(p, ref);
        forget(name);
    }

    /** Polls the cloud until no node of the cluster is alive. */
    static void confirmGone(Provisioner p, ClusterRef ref) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            Map<String, InstanceStatus> left = p.query(ref);
            if (left.values().stream().allMatch(s -> s == InstanceStatus.TERMINATED)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SkyException(ExitCode.GENERIC, "The cloud still reports nodes of '" + ref.clusterName()
                        + "' after terminating them: " + left + ". The record is kept; run `sky down "
                        + ref.clusterName() + "` again.");
            }
            try {
                Thread.sleep(TimeScale.millis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SkyException(ExitCode.GENERIC, "Interrupted while confirming the teardown");
            }
        }
    }

    /** Removes every trace of the cluster on this machine. */
    void forget(String name) {
        ctx.state().history().recordEnd(name, Instant.now());
        SshAccess.remove(ctx, name);
        ctx.keys().removeClusterKey(name);
        forgetManifests(name);
        ctx.state().clusters().delete(name);
        progress.stageDone();
    }

    /** The local manifest copies of every node of the cluster ({@code <cluster>.<rank>.<hash>.manifest}). */
    private void forgetManifests(String name) {
        java.nio.file.Path dir = ctx.paths().home().resolve("sync");
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        java.util.regex.Pattern mine = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(safe) + "\\.\\d+\\.[0-9a-f]+\\.manifest");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var s = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : s.toList()) {
                if (mine.matcher(f.getFileName().toString()).matches()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
