package dev.sky.cli.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for conditions that other processes make true. The bound only stops a hang; nothing is asserted
 * about how long the wait took.
 */
final class Poll {
    private Poll() {}

    static void until(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + bound.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
