package dev.sky.provision.throttle;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a cloud call through the rate limiter and retries it while it is throttled, waiting as {@link Backoff} says.
 * The caller's classifier tells a throttling error (and its delay hint) from any other, which is thrown at once.
 */
public final class Retrying {
    /**
     * Whether a failure is throttling, and the server's delay hint.
     *
     * @param retry whether to try again
     * @param hint the server's delay hint, if it gave one
     * @param rateLimited the failure is throttling, so the rate limiter slows down
     */
    public record Verdict(boolean retry, Optional<Duration> hint, boolean rateLimited) {
        public static final Verdict FAIL = new Verdict(false, Optional.empty(), false);

        public Verdict(boolean retry, Optional<Duration> hint) {
            this(retry, hint, retry);
        }

        /** The server said "too many requests": retry, and the rate limiter slows down. */
        public static Verdict throttled(Optional<Duration> hint) {
            return new Verdict(true, hint, true);
        }

        /** A hiccup that is not about the request rate (a lost answer, a 5xx): retry at the same rate. */
        public static Verdict transientError(Optional<Duration> hint) {
            return new Verdict(true, hint, false);
        }
    }

    /** Called before each retry, e.g. to log it; {@code attempt} counts from 1. */
    public interface Listener {
        void retrying(int attempt, Duration wait, RuntimeException cause);

        Listener NONE = (a, w, c) -> { };
    }

    private final RateLimiter limiter;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Pacer pacer;
    private final Listener listener;

    /**
     * @param limiter spaces the calls (null for none)
     * @param backoff how long to wait between tries
     * @param maxAttempts tries in all, the first included (at least 1)
     * @param pacer the way to wait
     * @param listener told about each retry
     */
    public Retrying(RateLimiter limiter, Backoff backoff, int maxAttempts, Pacer pacer, Listener listener) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        this.limiter = limiter;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.pacer = pacer;
        this.listener = listener;
    }

    /**
     * Runs {@code call}; on a throttling failure waits and runs it again, up to {@code maxAttempts} tries. The last
     * failure is thrown as it came (the caller translates it).
     */
    public <T> T call(Supplier<T> call, Function<RuntimeException, Verdict> classify) {
        for (int attempt = 0; ; attempt++) {
            long sentAt = 0;
            if (limiter != null) {
                limiter.acquire();
                sentAt = limiter.now();
            }
            try {
                T out = call.get();
                if (limiter != null) {
                    limiter.succeeded();
                }
                return out;
            } catch (RuntimeException e) {
                Verdict v = classify.apply(e);
                if (limiter != null && v.rateLimited()) {
                    limiter.throttled(sentAt);
                }
                if (!v.retry() || attempt + 1 >= maxAttempts) {
                    throw e;
                }
                Duration wait = backoff.delay(attempt, v.hint());
                listener.retrying(attempt + 1, wait, e);
                try {
                    pacer.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }
}
