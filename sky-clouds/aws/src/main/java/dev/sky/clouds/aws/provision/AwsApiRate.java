package dev.sky.clouds.aws.provision;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;

/**
 * The client-side rate of EC2 calls per region, {@code aws.api_calls_per_second} in {@code config.yaml} (a sky key;
 * SkyPilot has none). It is where the adaptive limiter starts and what it recovers to after throttling; the burst
 * is twice the rate.
 *
 * @param callsPerSecond sustained calls per second, &gt; 0
 */
record AwsApiRate(double callsPerSecond) {
    static final String KEY = "aws.api_calls_per_second";
    /** EC2's request bucket for non-mutating actions refills at 20 calls a second per account and region. */
    static final double DEFAULT = 20;

    int burst() {
        return (int) Math.max(1, Math.round(callsPerSecond * 2));
    }

    static AwsApiRate from(SkyPaths paths) {
        return from(SkyConfigLoader.load(paths));
    }

    static AwsApiRate from(SkyConfig config) {
        Object v = config.get(KEY).orElse(null);
        if (v == null) {
            return new AwsApiRate(DEFAULT);
        }
        if (v instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
            return new AwsApiRate(n.doubleValue());
        }
        throw SkyException.invalidInput(config.where(KEY) + ": " + KEY + ": expected a number of calls per second"
                + " above 0, got '" + v + "'.");
    }
}
