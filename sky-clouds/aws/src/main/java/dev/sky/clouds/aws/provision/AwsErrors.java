package dev.sky.clouds.aws.provision;

import dev.sky.core.ExitCode;
import dev.sky.provision.spi.BlockScope;
import dev.sky.provision.spi.CloudAuthException;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ResourcesUnavailableException;
import dev.sky.provision.spi.ThrottledException;
import dev.sky.provision.throttle.Retrying;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place EC2 and STS errors become sky's kinds: capacity to a zone block, quota to a region block, bad
 * credentials to {@link CloudAuthException}, throttling to {@link ThrottledException} (after sky's back-off gave up),
 * anything else to a plain {@link ProvisionException}. Messages name the cloud, location and EC2 error code; access
 * key ids are masked in case AWS quotes one.
 */
public final class AwsErrors {
    static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientHostCapacity",
            "InsufficientReservedInstanceCapacity", "InsufficientCapacity", "InsufficientFreeAddressesInSubnet",
            "SpotMaxPriceTooLow", "Unsupported", "InsufficientCapacityOnHost");
    static final Set<String> QUOTA = Set.of("InstanceLimitExceeded", "VcpuLimitExceeded",
            "MaxSpotInstanceCountExceeded", "VolumeLimitExceeded", "SecurityGroupLimitExceeded",
            "ResourceLimitExceeded", "AddressLimitExceeded", "OptInRequired", "PendingVerification");
    static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId",
            "AccessDenied", "AccessDeniedException", "MissingAuthenticationToken", "IncompleteSignature",
            "UnrecognizedClientException", "Blocked");
    static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "TooManyRequestsException", "RequestThrottled", "RequestThrottledException");
    private static final Pattern ACCESS_KEY = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{12,}\\b");

    private final String region;
    private final String zone;

    AwsErrors(String region, String zone) {
        this.region = region;
        this.zone = zone;
    }

    /** The EC2 error code of a failure, or null when it is not a service answer. */
    public static String code(Throwable e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode()
                : null;
    }

    /** Whether EC2 said the thing asked about does not exist ({@code InvalidInstanceID.NotFound} and kin). */
    public static boolean isNotFound(Throwable e) {
        String c = code(e);
        return c != null && (c.endsWith(".NotFound") || c.endsWith(".Malformed") && c.startsWith("InvalidInstanceID"));
    }

    /**
     * Whether to call again: throttling (with the server's delay hint, if any), and a lost answer (the request may
     * have been done: every sky call is safe to repeat, RunInstances through its ClientToken).
     */
    public static Retrying.Verdict classify(RuntimeException e) {
        String c = code(e);
        if (c != null && THROTTLING.contains(c) || e instanceof AwsServiceException s && s.statusCode() == 429) {
            return Retrying.Verdict.throttled(retryAfter((AwsServiceException) e));
        }
        if (c == null && e instanceof SdkClientException && hasCause(e, IOException.class)) {
            return Retrying.Verdict.transientError(Optional.empty());
        }
        if (c != null && (CAPACITY.contains(c) || QUOTA.contains(c))) {
            return Retrying.Verdict.FAIL; // an answer, not a hiccup: failover moves on at once (EC2 sends it as 500)
        }
        if (e instanceof AwsServiceException s && s.statusCode() >= 500 && s.statusCode() != 501) {
            return Retrying.Verdict.transientError(Optional.empty());
        }
        return Retrying.Verdict.FAIL;
    }

    /** Translates a failure of {@code what} (e.g. {@code RunInstances}) to sky's kinds. */
    public ProvisionException translate(String what, RuntimeException e) {
        if (e instanceof ProvisionException p) {
            return p;
        }
        String c = code(e);
        String where = "AWS " + region + (zone == null ? "" : " (" + zone + ")");
        if (c == null && e instanceof AwsServiceException s && (s.statusCode() == 401 || s.statusCode() == 403)) {
            // The url-connection client cannot read a 401 body: the status alone says the credentials were refused.
            return new CloudAuthException("aws", what + " on " + where + " failed: AWS refused the credentials (HTTP "
                    + s.statusCode() + "). Check them with `sky check aws`.", null);
        }
        if (c == null) {
            String detail = mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            if (e instanceof SdkClientException && detail.toLowerCase().contains("credentials")) {
                // The SDK's chain error lists each provider's class and message: say what was looked for instead.
                String why = detail.contains("any of the providers in the chain")
                        ? "none found in the environment, profile files, SSO or container" : firstLine(detail);
                return new CloudAuthException("aws", "AWS credentials could not be loaded: " + why
                        + ". Run `aws configure` or `aws sso login`, then `sky check aws`.", null);
            }
            return new ProvisionException(what + " on " + where + " failed: " + firstLine(detail), "aws", region, zone,
                    BlockScope.NONE, e instanceof SdkException ? null : e);
        }
        String msg = what + " on " + where + " failed: " + c + ": " + firstLine(mask(errorMessage(e)));
        if (CAPACITY.contains(c)) {
            return new ResourcesUnavailableException(msg, "aws", region, zone, BlockScope.ZONE, null);
        }
        if (QUOTA.contains(c)) {
            return new ResourcesUnavailableException(msg, "aws", region, zone, BlockScope.REGION, null);
        }
        if (AUTH.contains(c)) {
            return new CloudAuthException("aws", msg + ". Check the credentials with `sky check aws`.", null);
        }
        if (THROTTLING.contains(c)) {
            return new ThrottledException(msg + " (still throttled after sky's retries; try again later)", "aws",
                    region, null);
        }
        if (isNotFound(e)) {
            return new NotFound(msg, region, zone);
        }
        return new ProvisionException(msg, "aws", region, zone, BlockScope.NONE, null);
    }

    /** EC2 says the resource does not exist. */
    static final class NotFound extends ProvisionException {
        NotFound(String message, String region, String zone) {
            super(ExitCode.NOT_FOUND_OR_WRONG_STATE, message, "aws", region, zone, BlockScope.NONE, null);
        }
    }

    static Optional<Duration> retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(AwsErrors::parseRetryAfter);
    }

    /** {@code Retry-After}: seconds (RFC 9110 says an integer; a decimal is accepted) or an HTTP date. */
    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String errorMessage(RuntimeException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorMessage() != null) {
            return s.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    static String mask(String text) {
        return ACCESS_KEY.matcher(text).replaceAll(m -> m.group().substring(0, 4) + "…");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
