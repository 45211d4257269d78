package dev.sky.core;

import java.time.Duration;

/**
 * Shortens every wait in tests: autostop minutes, grace periods, poll intervals. {@code SKY_TIME_SCALE=0.01} makes a
 * minute last 0.6 s. Unset or invalid means 1.
 */
public final class TimeScale {
    private static final double FACTOR = parse(System.getenv("SKY_TIME_SCALE"));

    private TimeScale() {}

    static double parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return 1.0;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            return v > 0 && v <= 1000 ? v : 1.0;
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    public static double factor() {
        return FACTOR;
    }

    /** The scaled duration, never shorter than 1 ms. */
    public static Duration scale(Duration d) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (d.toNanos() * FACTOR)));
    }

    public static long millis(long millis) {
        return Math.max(1L, (long) (millis * FACTOR));
    }

    public static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(scale(d).toMillis());
    }
}
