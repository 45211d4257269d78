package dev.sky.provision.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link NodeRunner} connects. Waits are scaled by SKY_TIME_SCALE where they are sleeps; the connect timeout is
 * a socket timeout and is not scaled.
 *
 * @param connectTimeout how long one TCP connect plus SSH handshake may take
 * @param connectAttempts how many times to try connecting when the failure is a connection or transport error
 *     (refused, timed out, reset during the handshake); at least 1. Authentication failures and host key mismatches
 *     are never retried.
 * @param retryBackoff the pause before the second attempt; it grows linearly with each further attempt
 * @param keepAliveInterval how often an idle connection is probed, so a dead node is noticed; zero disables it
 */
public record SshOptions(Duration connectTimeout, int connectAttempts, Duration retryBackoff, Duration keepAliveInterval) {
    public SshOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connectAttempts must be at least 1");
        }
    }

    /** 30 s connect timeout (as SkyPilot), 3 attempts, 2 s backoff, keep-alive every 30 s. */
    public static SshOptions defaults() {
        return new SshOptions(Duration.ofSeconds(30), 3, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public SshOptions withConnectAttempts(int attempts) {
        return new SshOptions(connectTimeout, attempts, retryBackoff, keepAliveInterval);
    }

    public SshOptions withRetryBackoff(Duration backoff) {
        return new SshOptions(connectTimeout, connectAttempts, backoff, keepAliveInterval);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(timeout, connectAttempts, retryBackoff, keepAliveInterval);
    }
}
