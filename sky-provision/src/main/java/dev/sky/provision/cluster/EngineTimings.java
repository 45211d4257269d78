package dev.sky.provision.cluster;

import dev.sky.core.TimeScale;
import java.time.Duration;

/**
 * How long the engine waits for clouds, already scaled by SKY_TIME_SCALE.
 *
 * @param confirmGone how long the cloud has to confirm that terminated nodes are gone
 * @param terminateRetryGap the first gap between failed terminate calls (doubles each time)
 * @param invisibleSettle for a cluster still being created: how long a node may stay invisible to listings
 * @param poll the first gap between status polls (doubles up to 2 s)
 */
public record EngineTimings(Duration confirmGone, Duration terminateRetryGap, Duration invisibleSettle,
                            Duration poll) {
    public static EngineTimings standard() {
        return new EngineTimings(TimeScale.scale(Duration.ofMinutes(3)), TimeScale.scale(Duration.ofSeconds(1)),
                TimeScale.scale(Duration.ofSeconds(15)), TimeScale.scale(Duration.ofMillis(250)));
    }
}
