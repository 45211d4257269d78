package dev.sky.provision.throttle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket that spaces calls to one cloud API endpoint (a cloud and region) on the client side, so that a
 * burst of sky commands in one JVM stays under the cloud's request rate instead of earning throttling errors.
 * Shared per key within the JVM through {@link #forKey}. Fair enough for sky's use: callers wait in arrival order of
 * their reservations, not of their threads.
 */
public final class RateLimiter {
    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final double permitsPerSecond;
    private final double burst;
    private final Pacer pacer;
    private double tokens;
    private long lastRefillNanos;

    /**
     * @param permitsPerSecond sustained calls per second
     * @param burst calls allowed at once after a quiet period (at least 1)
     * @param pacer the clock and the way to wait
     */
    public RateLimiter(double permitsPerSecond, int burst, Pacer pacer) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + permitsPerSecond + ", " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.pacer = pacer;
        this.tokens = burst;
        this.lastRefillNanos = pacer.nanoTime();
    }

    /** The limiter shared by every client of {@code cloud} in {@code region} in this JVM (created on first use). */
    public static RateLimiter forKey(String cloud, String region, double permitsPerSecond, int burst) {
        return SHARED.computeIfAbsent(cloud + "/" + (region == null ? "-" : region),
                k -> new RateLimiter(permitsPerSecond, burst, Pacer.SYSTEM));
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

    /** Takes one permit now and returns how long the caller must wait before using it. */
    synchronized Duration reserve() {
        long now = pacer.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefillNanos) / 1e9 * permitsPerSecond);
        lastRefillNanos = now;
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / permitsPerSecond * 1e9));
    }
}
