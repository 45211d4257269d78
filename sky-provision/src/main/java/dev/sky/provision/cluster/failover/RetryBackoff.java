package dev.sky.provision.cluster.failover;

import dev.sky.core.TimeScale;
import java.time.Duration;
import java.util.Random;

/**
 * The gaps between {@code --retry-until-up} rounds: exponential from an initial gap, with jitter, capped (SkyPilot's
 * {@code Backoff}: multiplier 1.6, jitter 0.4, cap five times the initial gap). Gaps are scaled by SKY_TIME_SCALE.
 */
public final class RetryBackoff {
    /** SkyPilot's {@code _RETRY_UNTIL_UP_INIT_GAP_SECONDS}. */
    public static final Duration INITIAL = Duration.ofSeconds(30);
    static final double MULTIPLIER = 1.6;
    static final double JITTER = 0.4;

    private final long initialMs;
    private final long capMs;
    private final Random random;
    private double nextMs;

    public RetryBackoff(Duration initial, Random random) {
        this.initialMs = initial.toMillis();
        this.capMs = initialMs * 5;
        this.random = random;
        this.nextMs = initialMs;
    }

    public static RetryBackoff standard() {
        return new RetryBackoff(INITIAL, new Random());
    }

    /**
     * The next gap before scaling, in ms: the current base ±{@link #JITTER} of it, never past the cap; the base then
     * grows by {@link #MULTIPLIER}.
     */
    public long nextUnscaledMillis() {
        double base = Math.min(nextMs, capMs);
        double jittered = base * (1 + JITTER * (2 * random.nextDouble() - 1));
        nextMs = Math.min(nextMs * MULTIPLIER, capMs);
        return Math.max(1, Math.min(capMs, Math.round(jittered)));
    }

    /** The next gap, scaled by SKY_TIME_SCALE. */
    public Duration next() {
        return Duration.ofMillis(TimeScale.millis(nextUnscaledMillis()));
    }

    public long capMillis() {
        return capMs;
    }
}
