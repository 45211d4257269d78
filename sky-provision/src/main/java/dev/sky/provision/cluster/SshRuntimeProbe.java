package dev.sky.provision.cluster;

import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.reconcile.RuntimeProbe;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.runtime.RuntimeHealth;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.NodeConnectionException;
import dev.sky.provision.ssh.NodeRunner;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.SshTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RuntimeProbe} over SSH: one connection attempt to the head (5 s), then {@code sky-rt health} (5 s). Both
 * bounds are network timeouts, not waits, so SKY_TIME_SCALE leaves them alone (as {@link SshOptions} does). Anything
 * that goes wrong before the command reports an exit code is {@link RuntimeProbe.Outcome#NO_ANSWER}: a transient SSH
 * error must never demote an UP cluster.
 */
public final class SshRuntimeProbe implements RuntimeProbe {
    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration COMMAND = Duration.ofSeconds(5);
    /** What ssh(1) exits with when it cannot reach the node; sshj throws instead, but a transport may not. */
    private static final int SSH_FAILURE = 255;

    private final ClusterContext ctx;

    public SshRuntimeProbe(ClusterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result probe(ClusterRecord r) {
        ClusterHandle h = ClusterLifecycle.handle(r);
        if (h == null || h.nodes().isEmpty() || h.head().hostKey() == null || h.head().address() == null) {
            return Result.SKIPPED;
        }
        SshTarget head = ClusterNodes.targets(h, ctx.keys().userKey().privateKey()).get(0);
        NodeRunner runner = new NodeRunner(head, SshOptions.defaults().withConnectTimeout(CONNECT)
                .withConnectAttempts(1));
        CapturedOutput out = new CapturedOutput();
        // The command runs on its own daemon thread: a frozen sshd may accept the TCP connection and then never
        // answer, and sshj's own handshake timeout is longer than this probe may take.
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> runner.run(
                new RuntimeCommands(r.name()).health(), null, out, OutputSink.discard()), ProbeThreads.POOL);
        try {
            int code = run.get(CONNECT.plus(COMMAND).toMillis(), TimeUnit.MILLISECONDS);
            if (code == 0) {
                return new Result(Outcome.HEALTHY, null);
            }
            if (code == SSH_FAILURE) {
                return new Result(Outcome.NO_ANSWER, "the head's SSH session failed (exit 255)");
            }
            RuntimeHealth health = RuntimeHealth.parse(out.text());
            String what = code == RuntimeCommands.EXIT_BROKEN ? health.describeBroken()
                    : "the runtime's health check failed (exit " + code + ")";
            return new Result(Outcome.BROKEN, what);
        } catch (TimeoutException e) {
            // Not cancelled: that would not stop a stuck connect; the runner is closed once it ends (below).
            return new Result(Outcome.NO_ANSWER, "the head did not answer within "
                    + CONNECT.plus(COMMAND).toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof NodeConnectionException ? cause.getMessage()
                    : "the head's SSH session failed: " + cause;
            return new Result(Outcome.NO_ANSWER, why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.NO_ANSWER, "interrupted while asking the head");
        } finally {
            // Closed by whichever thread finishes last: close() waits for a connect in progress, so the caller never
            // calls it while the probe thread is still stuck in one.
            run.whenComplete((c, e) -> runner.close());
        }
    }

    /** Daemon threads, so a head that never answers cannot keep sky from exiting. */
    private static final class ProbeThreads {
        static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(
                r -> {
                    Thread t = new Thread(r, "sky-runtime-probe");
                    t.setDaemon(true);
                    return t;
                });
    }
}
