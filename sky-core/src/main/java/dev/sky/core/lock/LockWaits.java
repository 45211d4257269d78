package dev.sky.core.lock;

/**
 * With {@code SKY_DEBUG_TIMINGS=1}, every cluster lock this process takes (or gives up on) writes one line to stderr:
 * {@code sky-timing: lock_wait_ms=N cluster=X op=OP acquired=true|false}. Reliability tests read it to report the
 * longest lock wait (scenario 3); without the variable nothing is written.
 */
final class LockWaits {
    private static final boolean ENABLED = "1".equals(System.getenv("SKY_DEBUG_TIMINGS"));

    private LockWaits() {}

    static void report(String cluster, String operation, long startNanos, boolean acquired) {
        if (ENABLED) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            System.err.println("sky-timing: lock_wait_ms=" + ms + " cluster=" + cluster + " op=" + operation.replace(' ',
                    '_') + " acquired=" + acquired);
        }
    }
}
