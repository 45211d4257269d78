package dev.sky.provision.throttle;

import dev.sky.core.TimeScale;
import java.time.Duration;

/**
 * Time as the rate limiter and the back-off see it: a monotonic clock and a way to wait. The real one scales waits by
 * {@code SKY_TIME_SCALE}; tests give a recording one, so that spacing is asserted without a wall clock.
 */
public interface Pacer {
    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits {@code d} (unscaled); the real pacer shortens it by {@code SKY_TIME_SCALE}. */
    void sleep(Duration d) throws InterruptedException;

    /** The system clock, with waits scaled by {@link TimeScale}. */
    Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (!d.isZero() && !d.isNegative()) {
                TimeScale.sleep(d);
            }
        }
    };

    /** The system clock with real waits: for limits set by someone else's clock, such as a cloud's API budget. */
    Pacer UNSCALED = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            }
        }
    };

    /**
     * The wall clock (nanoseconds since the epoch) with real waits: the one clock that every process on the machine
     * reads alike, for state shared between processes (the shared rate limiter).
     */
    Pacer WALL = new Pacer() {
        @Override
        public long nanoTime() {
            java.time.Instant t = java.time.Instant.now();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            UNSCALED.sleep(d);
        }
    };
}
