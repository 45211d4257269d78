package dev.sky.provision.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rate limiter, the back-off and the retry loop, on a recorded clock: nothing really sleeps. */
class ThrottleTest {
    /** Records each wait and advances its clock by it. */
    static final class FakePacer implements Pacer {
        final List<Duration> sleeps = new ArrayList<>();
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            now += d.toNanos();
        }

        Duration total() {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    @Test
    void rateLimiterLetsTheBurstThroughThenSpacesCallsAtItsRate() {
        FakePacer pacer = new FakePacer();
        RateLimiter limiter = new RateLimiter(10, 5, pacer);
        for (int i = 0; i < 25; i++) {
            limiter.acquire();
        }
        assertThat(pacer.sleeps).as("the first 5 (the burst) do not wait").hasSize(20);
        assertThat(pacer.sleeps).allSatisfy(d -> assertThat(d.toMillis()).isBetween(99L, 101L));
        assertThat(pacer.total().toMillis()).as("20 calls beyond the burst at 10/s").isBetween(1990L, 2010L);
    }

    @Test
    void rateLimiterRefillsWhileIdle() {
        FakePacer pacer = new FakePacer();
        RateLimiter limiter = new RateLimiter(2, 2, pacer);
        limiter.acquire();
        limiter.acquire();
        pacer.now += Duration.ofSeconds(5).toNanos();
        limiter.acquire();
        limiter.acquire();
        assertThat(pacer.sleeps).as("a quiet period refills the bucket, up to the burst").isEmpty();
        limiter.acquire();
        assertThat(pacer.sleeps).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void throttlingHalvesTheRateDownToAFloorAndStopsBursts() {
        FakePacer pacer = new FakePacer();
        RateLimiter limiter = new RateLimiter(10, 20, pacer);
        long sentEarly = limiter.now();
        pacer.now += 1;
        limiter.throttled(limiter.now());
        assertThat(limiter.rate()).isEqualTo(5);
        limiter.throttled(sentEarly);
        assertThat(limiter.rate()).as("a call sent before the cut does not cut again").isEqualTo(5);
        for (int i = 0; i < 10; i++) {
            pacer.now += 1;
            limiter.throttled(limiter.now());
        }
        assertThat(limiter.rate()).as("floor").isEqualTo(RateLimiter.FLOOR);
        pacer.now += Duration.ofSeconds(30).toNanos();
        limiter.acquire();
        limiter.acquire();
        assertThat(pacer.sleeps).as("no burst after a cut: the second call waits 1/rate")
                .containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void afterThrottlingTheRateStaysAtTheCutUntilAQuietPeriodThenRecoversSlowly() {
        FakePacer pacer = new FakePacer();
        RateLimiter limiter = new RateLimiter(10, 20, pacer);
        limiter.throttled(limiter.now());
        for (int i = 0; i < 1000; i++) {
            limiter.succeeded();
        }
        assertThat(limiter.rate()).as("not past the rate of the cut").isEqualTo(5);
        pacer.now += RateLimiter.QUIET_PERIOD.toNanos();
        int steps = 0;
        while (limiter.rate() < 10) {
            limiter.succeeded();
            steps++;
        }
        assertThat(steps).as("+base/50 per unthrottled call").isBetween(25, 26);
        assertThat(limiter.rate()).isEqualTo(10);
    }

    @Test
    void retryingTellsTheLimiterAboutThrottlingButNotAboutOtherRetries() {
        FakePacer pacer = new FakePacer();
        RateLimiter limiter = new RateLimiter(1000, 1000, pacer);
        Retrying r = new Retrying(limiter, Backoff.API, 3, pacer, Retrying.Listener.NONE);
        AtomicInteger calls = new AtomicInteger();
        r.call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("lost answer");
            }
            return "ok";
        }, e -> Retrying.Verdict.transientError(Optional.empty()));
        assertThat(limiter.rate()).isEqualTo(1000);
        calls.set(0);
        r.call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("throttled");
            }
            return "ok";
        }, e -> Retrying.Verdict.throttled(Optional.empty()));
        assertThat(limiter.rate()).as("halved; a success does not lift it past the cut").isEqualTo(500);
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1));
        assertThat(b.delay(0, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(b.delay(0, Optional.empty(), () -> 0.999999).toMillis()).isEqualTo(499);
        assertThat(b.delay(3, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(10, Optional.empty(), () -> 0.0)).as("capped").isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(60, Optional.empty(), () -> 0.999999)).isLessThanOrEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 200; i++) {
            Duration d = b.delay(2, Optional.empty());
            assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void backoffHonoursTheServersHintButCapsAWildOne() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMinutes(1));
        assertThat(b.delay(0, Optional.of(Duration.ofSeconds(5)), () -> 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(5, Optional.of(Duration.ofMillis(1)), () -> 0.0))
                .as("a hint shorter than the back-off does not shorten it").isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(0, Optional.of(Duration.ofHours(3)), () -> 0.0)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void retryingRetriesThrottlingUntilItSucceedsAndWaitsAtLeastTheHint() {
        FakePacer pacer = new FakePacer();
        Retrying r = new Retrying(null, Backoff.API, 5, pacer, Retrying.Listener.NONE);
        AtomicInteger calls = new AtomicInteger();
        String out = r.call(() -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("throttled");
            }
            return "ok";
        }, e -> Retrying.Verdict.throttled(Optional.of(Duration.ofSeconds(3))));
        assertThat(out).isEqualTo("ok");
        assertThat(calls).hasValue(4);
        assertThat(pacer.sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void retryingGivesUpAfterMaxAttemptsAndThrowsOtherErrorsAtOnce() {
        FakePacer pacer = new FakePacer();
        Retrying r = new Retrying(new RateLimiter(1000, 1000, pacer), Backoff.API, 3, pacer, Retrying.Listener.NONE);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("throttled");
        }, e -> Retrying.Verdict.throttled(Optional.empty()))).hasMessage("throttled");
        assertThat(calls).hasValue(3);
        assertThat(pacer.sleeps).hasSize(2);

        calls.set(0);
        assertThatThrownBy(() -> r.call(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        }, e -> Retrying.Verdict.FAIL)).hasMessage("bad request");
        assertThat(calls).hasValue(1);
    }
}
