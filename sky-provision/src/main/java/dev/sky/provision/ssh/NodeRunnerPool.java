package dev.sky.provision.ssh;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The runners of one cluster, rank 0 (the head) first, used together: the same command on every node at once, or any
 * per-node work in parallel. Each node keeps its one shared connection.
 */
public final class NodeRunnerPool implements Closeable {
    private static final int MAX_PARALLEL = 32;

    private final List<RemoteRunner> runners;

    public NodeRunnerPool(List<? extends RemoteRunner> runners) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("A pool needs at least one node");
        }
        this.runners = List.copyOf(runners);
    }

    /** Runners for the given nodes, in rank order; nothing connects until first used. */
    public static NodeRunnerPool of(List<SshTarget> targets, SshOptions options) {
        List<RemoteRunner> runners = new ArrayList<>();
        for (SshTarget t : targets) {
            runners.add(new NodeRunner(t, options));
        }
        return new NodeRunnerPool(runners);
    }

    public int size() {
        return runners.size();
    }

    public RemoteRunner node(int rank) {
        return runners.get(rank);
    }

    public RemoteRunner head() {
        return runners.get(0);
    }

    /** Per-node work, given the node's rank and runner. */
    @FunctionalInterface
    public interface NodeTask<T> {
        T apply(int rank, RemoteRunner runner) throws Exception;
    }

    /**
     * Runs the same command on every node at once and returns the exit codes by rank.
     *
     * @param stdin sent to every node (so it must be repeatable), or null
     * @param stdout the stdout sink for a rank
     * @param stderr the stderr sink for a rank
     */
    public int[] runOnAll(String command, StdinSource stdin, IntFunction<OutputSink> stdout, IntFunction<OutputSink> stderr) {
        List<Integer> codes = onEachNode((rank, r) -> r.run(command, stdin, stdout.apply(rank), stderr.apply(rank)));
        return codes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs a task for every node in parallel and returns the results by rank. Every task runs to its end; if any
     * failed, the first failure (by rank) is thrown with the others attached as suppressed.
     */
    public <T> List<T> onEachNode(NodeTask<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, runners.size()), r -> {
            Thread t = new Thread(r, "sky-node");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int rank = 0; rank < runners.size(); rank++) {
                int r = rank;
                futures.add(pool.submit(() -> task.apply(r, runners.get(r))));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = asRuntime(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SkyException(ExitCode.GENERIC, "Interrupted while waiting for the nodes", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new SkyException(ExitCode.GENERIC, t.getMessage() == null ? t.toString() : t.getMessage(), t);
    }

    /** Closes every node's connection. */
    @Override
    public void close() {
        for (RemoteRunner r : runners) {
            r.close();
        }
    }
}
