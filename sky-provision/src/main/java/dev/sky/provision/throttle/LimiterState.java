package dev.sky.provision.throttle;

import java.util.Locale;

/**
 * What a {@link RateLimiter} remembers between calls: its adapted rate and ceiling, the bucket (tokens below zero are
 * permits already handed out for the future), and when it last cut the rate. Times are readings of the limiter's
 * clock; a shared limiter's clock is the wall clock, so that every process reads the same times.
 */
final class LimiterState {
    /** The base rate this state was made for: a process configured with another base starts afresh. */
    double baseRate;
    double rate;
    double ceiling;
    double tokens;
    long lastRefillNanos;
    long lastCutNanos;
    boolean everCut;

    static LimiterState fresh(double baseRate, double burst, long now) {
        LimiterState s = new LimiterState();
        s.baseRate = baseRate;
        s.rate = baseRate;
        s.ceiling = baseRate;
        s.tokens = burst;
        s.lastRefillNanos = now;
        return s;
    }

    /** One line: {@code v1 base rate ceiling tokens lastRefill lastCut everCut}. */
    String toLine() {
        return String.format(Locale.ROOT, "v1 %s %s %s %s %d %d %b%n", baseRate, rate, ceiling, tokens,
                lastRefillNanos, lastCutNanos, everCut);
    }

    /** The state a line holds, or null when the line is not one (empty, cut short, another version). */
    static LimiterState parse(String line) {
        // Only the first line counts: a writer that died between writing and truncating leaves an old tail.
        int end = line.indexOf('\n');
        String[] f = (end < 0 ? line : line.substring(0, end)).trim().split(" ");
        if (f.length != 8 || !f[0].equals("v1")) {
            return null;
        }
        try {
            LimiterState s = new LimiterState();
            s.baseRate = Double.parseDouble(f[1]);
            s.rate = Double.parseDouble(f[2]);
            s.ceiling = Double.parseDouble(f[3]);
            s.tokens = Double.parseDouble(f[4]);
            s.lastRefillNanos = Long.parseLong(f[5]);
            s.lastCutNanos = Long.parseLong(f[6]);
            s.everCut = Boolean.parseBoolean(f[7]);
            boolean sane = s.rate > 0 && s.ceiling > 0 && Double.isFinite(s.rate) && Double.isFinite(s.ceiling)
                    && Double.isFinite(s.tokens);
            return sane ? s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
