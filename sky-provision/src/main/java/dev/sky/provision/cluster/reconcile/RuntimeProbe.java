package dev.sky.provision.cluster.reconcile;

import dev.sky.core.state.ClusterRecord;

/**
 * Logs in to an UP cluster's head and asks its runtime whether it is healthy ({@code sky-rt health}). Must return
 * within a bounded time: a head that does not answer in time is {@link Outcome#NO_ANSWER}, never an error.
 */
@FunctionalInterface
public interface RuntimeProbe {
    /** What a probe found. */
    enum Outcome {
        /** Connected; the runtime is intact and every daemon that should run, runs. */
        HEALTHY,
        /** Connected; the runtime is damaged or a daemon is down. The cluster is not usable as it is. */
        BROKEN,
        /** Could not connect, timed out or the connection reset: says nothing about the runtime. */
        NO_ANSWER,
        /** Not probed (no nodes recorded, or the cloud's nodes cannot be reached from here). */
        SKIPPED
    }

    /**
     * @param outcome what was found
     * @param detail for BROKEN what is wrong (a clause: "the autostop watchdog is down"), for NO_ANSWER why; null
     *     otherwise
     */
    record Result(Outcome outcome, String detail) {
        public static final Result SKIPPED = new Result(Outcome.SKIPPED, null);
    }

    /** A probe that never logs in (tests of the cloud side, clouds whose nodes sky cannot reach). */
    RuntimeProbe NONE = r -> Result.SKIPPED;

    Result probe(ClusterRecord cluster);
}
