package dev.sky.clouds.aws.credentials;

import dev.sky.clouds.aws.client.AwsClients;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Confirms credentials that discovery found with one STS GetCallerIdentity call, bounded by {@link #TIMEOUT} in all
 * (connection included, no retries). AWS saying no disables the cloud with its reason; not getting an answer does too,
 * saying so, since an unconfirmed key would fail later at launch with a worse message.
 */
public final class StsIdentity implements AwsCredentialCheck.IdentityConfirmer {
    /** The whole check's bound: STS answers in well under a second when it is reachable. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> env;
    private final Path userHome;
    private final Duration timeout;

    public StsIdentity(Map<String, String> env, Path userHome, Duration timeout) {
        this.env = env;
        this.userHome = userHome;
        this.timeout = timeout;
    }

    @Override
    public CredentialStatus confirm(CredentialStatus found) {
        try (StsClient sts = AwsClients.sts(env, userHome, AwsClients.defaultRegion(env), timeout)) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            return CredentialStatus.enabled("aws", found.capabilities(), found.identity() + "; account "
                    + id.account() + ", " + id.arn());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "error " + e.statusCode() : e.awsErrorDetails().errorCode();
            return new CredentialStatus("aws", false, List.of(), "AWS rejected the credentials of " + found.identity()
                    + " (" + code + ")", AwsCredentialCheck.SETUP_HINT, found.identity(), List.of());
        } catch (SdkException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return new CredentialStatus("aws", false, List.of(), "could not confirm the credentials of "
                    + found.identity() + " with AWS STS within " + timeout.toSeconds() + " s: " + why,
                    "Check the network (or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL), then run `sky check aws` again.",
                    found.identity(), List.of());
        }
    }
}
