package dev.sky.provision.throttle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket that spaces calls to one cloud API endpoint (a cloud and region) on the client side, so that sky
 * stays under the cloud's request rate instead of earning throttling errors. The limiter of {@link #shared} keeps its
 * bucket and adapted rate in a file under SKY_HOME, so that every sky process on the machine draws on one budget:
 * N concurrent commands send the rate once, not N times. Fair enough for sky's use: callers wait in arrival order of
 * their reservations, not of their threads or processes.
 *
 * <p>It adapts (AIMD): a throttling answer ({@link #throttled(long)}) to a call sent since the last cut halves the
 * rate, down to a floor, empties the bucket and stops bursts; answers to calls sent before the cut were sent too fast
 * already and do not cut again. The rate then grows back a little with each call that is not throttled, but not past
 * the rate of the last cut until a quiet period without throttling lifts that ceiling back to the base rate. The
 * cloud's budget is not known in advance; this finds a rate under it and stays there. With a shared limiter, a cut
 * seen by one process slows all of them, and every process's successes count toward the recovery.
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
    private final LimiterStore store;

    /**
     * A limiter for this JVM alone.
     *
     * @param permitsPerSecond sustained calls per second, the rate the limiter starts at and recovers to
     * @param burst calls allowed at once after a quiet period (at least 1)
     * @param pacer the clock and the way to wait
     */
    public RateLimiter(double permitsPerSecond, int burst, Pacer pacer) {
        this(permitsPerSecond, burst, pacer, new LimiterStore.InMemory());
    }

    RateLimiter(double permitsPerSecond, int burst, Pacer pacer, LimiterStore store) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1: " + permitsPerSecond + ", " + burst);
        }
        this.baseRate = permitsPerSecond;
        this.baseBurst = burst;
        this.pacer = pacer;
        this.store = store;
    }

    /**
     * The limiter of {@code cloud} in {@code region} shared by every sky process that uses the folder {@code dir}
     * (under SKY_HOME; one file per cloud and region), one instance per JVM. Nothing touches the disk before the first
     * call. Its clock is the wall clock, which all processes share, and its waits are real time, not scaled by
     * {@code SKY_TIME_SCALE}: the cloud's budget does not speed up in tests.
     */
    public static RateLimiter shared(Path dir, String cloud, String region, double permitsPerSecond, int burst) {
        Path file = dir.resolve(cloud + "-" + (region == null ? "global" : region) + ".rate").toAbsolutePath()
                .normalize();
        return SHARED.computeIfAbsent(file + "|" + permitsPerSecond + "|" + burst,
                k -> new RateLimiter(permitsPerSecond, burst, Pacer.WALL, new SharedLimiterFile(file)));
    }

    /** Takes one permit, waiting as long as the bucket needs to refill (never while holding the shared lock). */
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
    public void throttled(long sentAtNanos) {
        update((s, now) -> {
            if (s.everCut && sentAtNanos - s.lastCutNanos < 0) {
                return null;
            }
            s.rate = Math.max(floor(), s.rate / 2);
            s.ceiling = s.rate;
            s.tokens = Math.min(s.tokens, 0);
            s.lastCutNanos = now;
            s.everCut = true;
            return null;
        });
    }

    /** A call went through unthrottled: speed up a little, within the ceiling. */
    public void succeeded() {
        update((s, now) -> {
            if (s.everCut && now - s.lastCutNanos >= QUIET_PERIOD.toNanos()) {
                s.ceiling = baseRate;
            }
            s.rate = Math.min(s.ceiling, s.rate + baseRate / 50);
            return null;
        });
    }

    /** The current rate, in calls per second. */
    public double rate() {
        return update((s, now) -> s.rate);
    }

    /** Takes one permit now and returns how long the caller must wait before using it. */
    Duration reserve() {
        return update((s, now) -> {
            s.tokens -= 1;
            if (s.tokens >= 0) {
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil(-s.tokens / s.rate * 1e9));
        });
    }

    /** A change to the state at clock reading {@code now}. */
    private interface Change<T> {
        T apply(LimiterState s, long now);
    }

    /**
     * Reads the state, refills the bucket up to now, applies {@code change}, and keeps the result, atomically. The
     * clock is read inside, after the shared lock is taken, so that readings in the file only go forward (unless the
     * wall clock itself goes back).
     */
    private <T> T update(Change<T> change) {
        return store.update(() -> LimiterState.fresh(baseRate, baseBurst, pacer.nanoTime()), s -> {
            long now = pacer.nanoTime();
            if (s.baseRate != baseRate) {
                // Another process was configured with another base rate: the last one configured sets the pace.
                LimiterState f = LimiterState.fresh(baseRate, baseBurst, now);
                copy(f, s);
            }
            refill(s, now);
            return change.apply(s, now);
        });
    }

    private void refill(LimiterState s, long now) {
        if (now - s.lastRefillNanos < 0) {
            // The wall clock went back: refill nothing this time, never drain, and count from the new reading on.
            s.lastRefillNanos = now;
        }
        if (now - s.lastCutNanos < 0) {
            s.lastCutNanos = now;
        }
        // Bursts only at the base rate: after a cut the bucket holds one call at most.
        double burst = s.rate < baseRate ? 1 : baseBurst;
        if (s.tokens < burst) {
            s.tokens = Math.min(burst, s.tokens + (now - s.lastRefillNanos) / 1e9 * s.rate);
        }
        s.lastRefillNanos = now;
    }

    private static void copy(LimiterState from, LimiterState to) {
        to.baseRate = from.baseRate;
        to.rate = from.rate;
        to.ceiling = from.ceiling;
        to.tokens = from.tokens;
        to.lastRefillNanos = from.lastRefillNanos;
        to.lastCutNanos = from.lastCutNanos;
        to.everCut = from.everCut;
    }

    private double floor() {
        return Math.min(FLOOR, baseRate);
    }
}
