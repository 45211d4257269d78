package dev.sky.clouds.aws.storage;

import dev.sky.clouds.aws.client.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Temporary keys for ONE bucket, minted on the laptop with STS GetFederationToken and an inline
 * {@link BucketSessionPolicy}; the node's rclone remote gets these, never the profile's own key.
 */
final class ScopedS3Credentials {
    /** STS answers in well under a second when it is reachable. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * Whether the node's key can be scoped, and if not why.
     *
     * @param scope mint a scoped key
     * @param warning the one line to show when the profile's own key goes to the node instead (null: none)
     */
    record Choice(boolean scope, String warning) {}

    /** A minted key and when it stops working. */
    record Minted(AwsSessionCredentials credentials, Instant expiry) {}

    private ScopedS3Credentials() {}

    /** The decision, from config and the caller's own credentials alone (nothing is contacted). */
    static Choice choose(S3StoreConfig c, AwsCredentials caller, String bucket) {
        if (!c.node().scoped()) {
            return new Choice(false, null); // asked for: aws.<store>.node_credentials: profile
        }
        String key = "aws." + c.storeType() + ".";
        String prefix = "Warning: " + c.storeType() + "://" + bucket + ": the node gets the profile's own key, not one"
                + " scoped to this bucket: ";
        if (caller instanceof AwsSessionCredentials) {
            return new Choice(false, prefix + "the credentials are already temporary session credentials, for which"
                    + " STS refuses GetFederationToken. Use an IAM user's access key, or set " + key
                    + "node_credentials: profile to accept this.");
        }
        if (c.endpoint() != null && c.node().stsEndpoint() == null) {
            return new Choice(false, prefix + "there is no STS endpoint for " + c.endpoint() + ". Set " + key
                    + "sts_endpoint in config.yaml (MinIO serves STS at its own endpoint), or " + key
                    + "node_credentials: profile to accept this.");
        }
        return new Choice(true, null);
    }

    /** Asks STS for a key limited to {@code bucket}, living {@code node_credentials_hours}. */
    static Minted mint(S3StoreConfig c, AwsCredentialsProvider caller, Map<String, String> env, String bucket) {
        try (StsClient sts = client(c, caller, env)) {
            Credentials k = sts.getFederationToken(b -> b.name(federatedName(bucket))
                    .policy(BucketSessionPolicy.json(bucket, c.region()))
                    .durationSeconds(c.node().hours() * 3600)).credentials();
            return new Minted(AwsSessionCredentials.create(k.accessKeyId(), k.secretAccessKey(), k.sessionToken()),
                    k.expiration());
        } catch (SdkException e) {
            throw S3Errors.translateSts(c.storeType() + "://" + bucket, c.storeType(), e);
        }
    }

    /** The federated user's name: 2 to 32 of [\w+=,.@-]; bucket names are letters, digits, dots and hyphens. */
    static String federatedName(String bucket) {
        String n = "sky-" + bucket;
        return n.length() <= 32 ? n : n.substring(0, 32);
    }

    private static StsClient client(S3StoreConfig c, AwsCredentialsProvider caller, Map<String, String> env) {
        if (c.node().stsEndpoint() == null) {
            // AWS itself: the SDK's regional endpoint, or AWS_ENDPOINT_URL_STS as for every other AWS call.
            return AwsClients.sts(caller, env, c.region(), TIMEOUT);
        }
        return StsClient.builder().region(Region.of(c.region())).credentialsProvider(caller)
                .endpointOverride(URI.create(c.node().stsEndpoint()))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(TIMEOUT).build())
                .build();
    }
}
