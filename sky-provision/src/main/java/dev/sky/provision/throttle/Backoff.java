package dev.sky.provision.throttle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential back-off with jitter: attempt n waits a random time between half and all of
 * {@code min(cap, base * 2^n)}, so that many clients throttled together do not retry together. A server's delay hint
 * ({@code Retry-After}) is honoured: the wait is never shorter than the hint (the hint itself is capped at
 * {@code maxHint}, so that a wild value cannot park a command for hours).
 *
 * @param base the first attempt's ceiling
 * @param cap the largest computed wait
 * @param maxHint the largest server hint honoured as given
 */
public record Backoff(Duration base, Duration cap, Duration maxHint) {
    /** Defaults for cloud API throttling: 0.5 s doubling to 20 s, hints honoured up to 2 minutes. */
    public static final Backoff API = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2));

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap: " + base + ", " + cap);
        }
    }

    /** The wait before retry number {@code attempt} (0 for the first retry), given the server's hint if any. */
    public Duration delay(int attempt, Optional<Duration> hint) {
        return delay(attempt, hint, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #delay(int, Optional)}, with the jitter's random number in [0, 1) given. */
    public Duration delay(int attempt, Optional<Duration> hint, DoubleSupplier random) {
        long ceiling = ceilingNanos(attempt);
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        if (hint.isPresent() && !hint.get().isNegative()) {
            long h = Math.min(hint.get().toNanos(), maxHint.toNanos());
            return Duration.ofNanos(Math.max(h, jittered));
        }
        return Duration.ofNanos(jittered);
    }

    private long ceilingNanos(int attempt) {
        long d = base.toNanos();
        for (int i = 0; i < attempt && d < cap.toNanos(); i++) {
            d *= 2;
        }
        return Math.min(d, cap.toNanos());
    }
}
