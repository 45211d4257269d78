package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.fault.FaultPoint;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.Provisioner;
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

    /** Terminate calls before giving up, for errors like "try again in 60 s". */
    static final int TERMINATE_TRIES = 4;

    void terminateAndForget(String name, String cloud, ClusterRef ref) {
        terminateAndForget(name, cloud, ref, false);
    }

    /**
     * Terminates (retrying failed calls with back-off), confirms that no node is left, then forgets the cluster.
     *
     * @param mayBeInvisible the cluster was being created (INIT): a node the cloud does not list yet may exist, so an
     *     empty listing is checked again after {@link EngineTimings#invisibleSettle()} before the record goes
     */
    void terminateAndForget(String name, String cloud, ClusterRef ref, boolean mayBeInvisible) {
        Provisioner p = ctx.provisioner(cloud);
        boolean nothingThere = allGone(p.query(ref));
        terminate(p, ref);
        FaultPoint.DOWN_AFTER_TERMINATE.hit();
        confirmGone(p, ref, ctx.timings());
        if (nothingThere && mayBeInvisible) {
            sleep(ctx.timings().invisibleSettle().toMillis());
            if (!allGone(p.query(ref))) {
                terminate(p, ref);
                confirmGone(p, ref, ctx.timings());
                nothingThere = false;
            }
        }
        if (nothingThere) {
            progress.info("Cluster '" + name + "' has no node on " + cloud + ": already terminated.");
        }
        dev.sky.provision.storage.StorageMounts.afterClusterGone(ctx, progress, name);
        forget(name);
    }

    private void terminate(Provisioner p, ClusterRef ref) {
        long gapMs = ctx.timings().terminateRetryGap().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                p.terminate(ref);
                return;
            } catch (ProvisionException e) {
                if (attempt >= TERMINATE_TRIES) {
                    throw new SkyException(ExitCode.GENERIC, "Terminating '" + ref.clusterName() + "' failed "
                            + attempt + " times: " + e.getMessage() + ". The record is kept; run `sky down "
                            + ref.clusterName() + "` again, or `sky down --purge " + ref.clusterName()
                            + "` to forget it (anything still running keeps billing).", e);
                }
                progress.info("Terminate of '" + ref.clusterName() + "' failed (" + e.getMessage() + "); retrying ("
                        + attempt + "/" + (TERMINATE_TRIES - 1) + ").");
                sleep(gapMs);
                gapMs *= 2;
            }
        }
    }

    static boolean allGone(Map<String, InstanceStatus> nodes) {
        return nodes.values().stream().allMatch(s -> s == InstanceStatus.TERMINATED);
    }

    /** Polls the cloud until no node of the cluster is alive. */
    static void confirmGone(Provisioner p, ClusterRef ref, EngineTimings timings) {
        long deadline = System.nanoTime() + timings.confirmGone().toNanos();
        long pollMs = timings.poll().toMillis();
        while (true) {
            Map<String, InstanceStatus> left = p.query(ref);
            if (allGone(left)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SkyException(ExitCode.GENERIC, "The cloud still reports nodes of '" + ref.clusterName()
                        + "' after terminating them: " + left + ". The record is kept; run `sky down "
                        + ref.clusterName() + "` again, or check the cloud's console.");
            }
            sleep(pollMs);
            pollMs = Math.min(pollMs * 2, 2000);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SkyException(ExitCode.GENERIC, "Interrupted while confirming the teardown");
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
