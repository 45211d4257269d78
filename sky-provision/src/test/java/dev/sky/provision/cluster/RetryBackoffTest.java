package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.provision.cluster.failover.RetryBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void gapsGrowByAboutOnePointSixWithJitterAndStopAtFiveTimesTheFirst() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(30), new Random(7));
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            gaps.add(b.nextUnscaledMillis());
        }
        assertThat(gaps.get(0)).isBetween(18_000L, 42_000L);
        assertThat(gaps).allMatch(g -> g <= 150_000L && g >= 1);
        // From the fifth gap the base is capped at 150 s: every later gap lies within the jitter band below the cap.
        assertThat(gaps.subList(5, 12)).allMatch(g -> g >= 90_000L);
        assertThat(gaps.stream().distinct().count()).as("jitter spreads retries").isGreaterThan(5);
    }

    @Test
    void twoClientsWithDifferentSeedsDoNotRetryInLockstep() {
        RetryBackoff a = new RetryBackoff(Duration.ofSeconds(30), new Random(1));
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(30), new Random(2));
        assertThat(a.nextUnscaledMillis()).isNotEqualTo(b.nextUnscaledMillis());
    }
}
