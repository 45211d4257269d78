package dev.sky.clouds.aws.provision;

import dev.sky.core.SkyPaths;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.throttle.Backoff;
import dev.sky.provision.throttle.Pacer;
import dev.sky.provision.throttle.RateLimiter;
import dev.sky.provision.throttle.Retrying;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One region's EC2 client with sky's pacing around every call: the shared per-region rate limiter, retries of
 * throttling and lost answers with capped, jittered back-off (honouring {@code Retry-After}), and the translation of
 * what still fails through {@link AwsErrors}.
 */
final class Ec2Calls implements AutoCloseable {
    static final int MAX_ATTEMPTS = 12;

    final String region;
    final Ec2Client ec2;
    private final Retrying retrying;

    Ec2Calls(String region, Ec2Client ec2, RateLimiter limiter, Pacer pacer) {
        this.region = region;
        this.ec2 = ec2;
        this.retrying = new Retrying(limiter, Backoff.API, MAX_ATTEMPTS, pacer, Retrying.Listener.NONE);
    }

    /**
     * The region's adaptive limiter, shared by every sky process of this SKY_HOME (a file under {@code ratelimits/});
     * {@code rate} is where it starts and what it recovers to (see {@link AwsApiRate}).
     */
    static RateLimiter sharedLimiter(SkyPaths paths, String region, AwsApiRate rate) {
        return RateLimiter.shared(paths.rateLimits(), "aws", region, rate.callsPerSecond(), rate.burst());
    }

    /** Runs {@code call} ({@code what} names it in errors, e.g. {@code RunInstances}), paced and translated. */
    <T> T call(String what, String zone, Supplier<T> call) {
        try {
            return retrying.call(call, AwsErrors::classify);
        } catch (ProvisionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AwsErrors(region, zone).translate(what, e);
        }
    }

    /** As {@link #call}, with EC2's "does not exist" answer as an empty result. */
    <T> Optional<T> callUnlessNotFound(String what, Supplier<T> call) {
        try {
            return Optional.ofNullable(retrying.call(call, AwsErrors::classify));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw new AwsErrors(region, null).translate(what, e);
        }
    }

    @Override
    public void close() {
        ec2.close();
    }
}
