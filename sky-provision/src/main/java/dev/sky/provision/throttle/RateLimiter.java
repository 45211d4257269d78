package dev.sky.provision.throttle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket that spaces calls to one cloud API endpoint (a cloud and region) on the client side, so that a
 * burst of sky commands in one JVM stays under the cloud's request rate instead of earning throttling errors.
 * Shared per key within the JVM through {@link #forKey}. Fair enough for sky's use: callers wait in arrival order of
 * their reservations, not of their threads.
 *
 * <p>It adapts (AIMD): a throttling answer ({@link #throttled(long)}) to a call sent since the last cut halves the
 * rate, down to a floor, empties the bucket and stops bursts; answers to calls sent before the cut were sent too fast
 * already and do not cut again. The rate then grows back a little with each call that is not throttled, but not past
 * the rate of the last cut until a quiet period without throttling lifts that ceiling back to the base rate. The
 * cloud's budget is not known in advance; this finds a rate under it and stays there.
 */
public final class RateLimiter {
    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();
    /** The slowest the limiter goes, in calls per second (or the base rate when that is lower). */
    static final double FLOOR = 0.5;
    /** How long without throttling before the ceiling goes back to the base rate. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(60);

    private final double baseRate;
    private final double baseBurst;
    private final Pacer pacer;
    private double rate;
    private double ceiling;
    private double tokens;
    private long lastRefillNanos;
    private long lastCutNanos;
    private boolean everCut;

    /**
     * @param permitsPerSecond sustained calls per second, the rate the limiter starts at and recovers to
     * @param burst calls allowed at once after a quiet period (at least 1)
     * @param pacer the clock and the way to wait
     */
    public RateLimiter(double permitsPerSecond, int burst, Pacer pacer) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + permitsPerSecond + ", " + burst);
        }
        this.baseRate = permitsPerSecond;
        this.baseBurst = burst;
        this.pacer = pacer;
        this.rate = permitsPerSecond;
        this.ceiling = permitsPerSecond;
        this.tokens = burst;
        this.lastRefillNanos = pacer.nanoTime();
    }

    /**
     * The limiter shared by every client of {@code cloud} in {@code region} in this JVM (created on first use). Its
     * waits are real time, not scaled by {@code SKY_TIME_SCALE}: the cloud's budget does not speed up in tests.
     */
    public static RateLimiter forKey(String cloud, String region, double permitsPerSecond, int burst) {
        return SHARED.computeIfAbsent(cloud + "/" + (region == null ? "-" : region),
                k -> new RateLimiter(permitsPerSecond, burst, Pacer.UNSCALED));
    }

    /** Takes one permit, waiting as long as the bucket needs to refill. */
    public void acquire() {
        Duration wait = reserve();
        if (wait.isZero()) {
            return;
        }
        try {
            pacer.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the API rate limit", e);
        }
    }

    /** The clock reading to pass to {@link #throttled(long)} for a call about to be sent. */
    public long now() {
        return pacer.nanoTime();
    }

    /** The cloud answered a call sent at {@code sentAtNanos} ({@link #now()}) with a throttling error: slow down. */
    public synchronized void throttled(long sentAtNanos) {
        long now = pacer.nanoTime();
        refill(now);
        if (everCut && sentAtNanos - lastCutNanos < 0) {
            return;
        }
        rate = Math.max(floor(), rate / 2);
        ceiling = rate;
        tokens = Math.min(tokens, 0);
        lastCutNanos = now;
        everCut = true;
    }

    /** A call went through unthrottled: speed up a little, within the ceiling. */
    public synchronized void succeeded() {
        long now = pacer.nanoTime();
        refill(now);
        if (everCut && now - lastCutNanos >= QUIET_PERIOD.toNanos()) {
            ceiling = baseRate;
        }
        rate = Math.min(ceiling, rate + baseRate / 50);
    }

    /** The current rate, in calls per second. */
    public synchronized double rate() {
        return rate;
    }

    /** Takes one permit now and returns how long the caller must wait before using it. */
    synchronized Duration reserve() {
        refill(pacer.nanoTime());
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / rate * 1e9));
    }

    private void refill(long now) {
        // Bursts only at the base rate: after a cut the bucket holds one call at most.
        double burst = rate < baseRate ? 1 : baseBurst;
        if (tokens < burst) {
            tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * rate);
        }
        lastRefillNanos = now;
    }

    private double floor() {
        return Math.min(FLOOR, baseRate);
    }
}
