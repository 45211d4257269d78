package dev.sky.clouds.aws.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds sky's EC2 and STS clients: the url-connection HTTP client, sky's credential chain, bounded timeouts, and no
 * SDK retries (sky's own {@code Retrying} paces and retries calls, so the two do not multiply). Endpoints are never
 * hard-coded: {@code AWS_ENDPOINT_URL_EC2}/{@code _STS} or {@code AWS_ENDPOINT_URL} from sky's environment win, else
 * the SDK resolves them (including a profile's {@code endpoint_url}).
 */
public final class AwsClients {
    /** How long one HTTP attempt may take; EC2 answers in well under a second when healthy. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private AwsClients() {}

    public static Ec2Client ec2(Map<String, String> env, Path userHome, String region) {
        var b = Ec2Client.builder().region(Region.of(region)).httpClient(http(ATTEMPT_TIMEOUT))
                .credentialsProvider(AwsCredentialProviders.chain(env, userHome))
                .overrideConfiguration(override(ATTEMPT_TIMEOUT));
        endpoint(env, "EC2").ifPresent(b::endpointOverride);
        return b.build();
    }

    /** An STS client whose whole call, connection included, ends within {@code timeout}. */
    public static StsClient sts(Map<String, String> env, Path userHome, String region, Duration timeout) {
        return sts(AwsCredentialProviders.chain(env, userHome), env, region, timeout);
    }

    public static StsClient sts(AwsCredentialsProvider credentials, Map<String, String> env, String region,
                                Duration timeout) {
        var b = StsClient.builder().region(Region.of(region)).httpClient(http(timeout))
                .credentialsProvider(credentials).overrideConfiguration(override(timeout));
        endpoint(env, "STS").ifPresent(b::endpointOverride);
        return b.build();
    }

    /** The default region for calls that need one but have none (STS): AWS_REGION, AWS_DEFAULT_REGION, us-east-1. */
    public static String defaultRegion(Map<String, String> env) {
        String r = AwsCredentialProviders.value(env, "AWS_REGION");
        if (r == null) {
            r = AwsCredentialProviders.value(env, "AWS_DEFAULT_REGION");
        }
        return r == null ? "us-east-1" : r;
    }

    static java.util.Optional<URI> endpoint(Map<String, String> env, String service) {
        if ("true".equalsIgnoreCase(AwsCredentialProviders.value(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            return java.util.Optional.empty();
        }
        String url = AwsCredentialProviders.value(env, "AWS_ENDPOINT_URL_" + service);
        if (url == null) {
            url = AwsCredentialProviders.value(env, "AWS_ENDPOINT_URL");
        }
        return url == null ? java.util.Optional.empty() : java.util.Optional.of(URI.create(url));
    }

    private static SdkHttpClient http(Duration timeout) {
        Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
        return UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(timeout).build();
    }

    private static ClientOverrideConfiguration override(Duration timeout) {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(timeout).apiCallTimeout(timeout.plusSeconds(5)).build();
    }
}
