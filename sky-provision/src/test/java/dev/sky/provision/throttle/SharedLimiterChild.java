package dev.sky.provision.throttle;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate sky-like process for {@link SharedRateLimiterTest}: reserves permits from the shared limiter file at a
 * frozen clock reading and prints each wait in nanoseconds, one a line.
 * Arguments: file, rate, burst, permits, clock reading (ns).
 */
public final class SharedLimiterChild {
    private SharedLimiterChild() {}

    public static void main(String[] args) {
        long now = Long.parseLong(args[4]);
        Pacer frozen = new Pacer() {
            @Override
            public long nanoTime() {
                return now;
            }

            @Override
            public void sleep(Duration d) {
                // never called: the test reads the reservations
            }
        };
        RateLimiter limiter = new RateLimiter(Double.parseDouble(args[1]), Integer.parseInt(args[2]), frozen,
                new SharedLimiterFile(Path.of(args[0])));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            out.append(limiter.reserve().toNanos()).append('\n');
        }
        System.out.print(out);
    }
}
