package dev.sky.clouds.aws.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The credential chain sky gives the AWS SDK, built from the environment sky was given rather than the SDK's default
 * chain: environment keys, web identity, the profile (static keys, SSO, credential_process, assumed role), container
 * credentials. The instance metadata service is asked only when this machine is an EC2 instance and
 * {@code AWS_EC2_METADATA_DISABLED} is not true: elsewhere that probe costs a network timeout for nothing.
 */
public final class AwsCredentialProviders {
    private AwsCredentialProviders() {}

    public static AwsCredentialsProvider chain(Map<String, String> env, Path userHome) {
        List<AwsCredentialsProvider> providers = new ArrayList<>();
        String keyId = value(env, "AWS_ACCESS_KEY_ID");
        String secret = value(env, "AWS_SECRET_ACCESS_KEY");
        if (keyId != null && secret != null) {
            String session = value(env, "AWS_SESSION_TOKEN");
            providers.add(StaticCredentialsProvider.create(session == null
                    ? AwsBasicCredentials.create(keyId, secret)
                    : AwsSessionCredentials.create(keyId, secret, session)));
        }
        String tokenFile = value(env, "AWS_WEB_IDENTITY_TOKEN_FILE");
        String role = value(env, "AWS_ROLE_ARN");
        if (tokenFile != null && role != null) {
            String sessionName = value(env, "AWS_ROLE_SESSION_NAME");
            providers.add(WebIdentityTokenFileCredentialsProvider.builder().webIdentityTokenFile(Path.of(tokenFile))
                    .roleArn(role).roleSessionName(sessionName == null ? "sky" : sessionName).build());
        }
        ProfileFile files = profileFile(env, userHome);
        if (files != null) {
            String profile = value(env, "AWS_PROFILE");
            if (profile == null) {
                profile = value(env, "AWS_DEFAULT_PROFILE");
            }
            providers.add(ProfileCredentialsProvider.builder().profileFile(files)
                    .profileName(profile == null ? "default" : profile).build());
        }
        if (value(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                || value(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            providers.add(ContainerCredentialsProvider.create());
        }
        if (!"true".equalsIgnoreCase(value(env, "AWS_EC2_METADATA_DISABLED")) && Ec2Detection.onEc2()) {
            providers.add(InstanceProfileCredentialsProvider.create());
        }
        if (providers.isEmpty()) {
            // An empty chain: the SDK call fails with its "unable to load credentials" error, mapped to auth.
            providers.add(() -> {
                throw software.amazon.awssdk.core.exception.SdkClientException.create(
                        "no AWS credentials found (environment, profile files, SSO or container)");
            });
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(providers).reuseLastProviderEnabled(true)
                .build();
    }

    /** The AWS CLI's config and credentials files merged, or null when neither exists. */
    static ProfileFile profileFile(Map<String, String> env, Path userHome) {
        Path config = path(value(env, "AWS_CONFIG_FILE"), userHome, ".aws/config");
        Path creds = path(value(env, "AWS_SHARED_CREDENTIALS_FILE"), userHome, ".aws/credentials");
        ProfileFile.Aggregator agg = ProfileFile.aggregator();
        boolean any = false;
        if (Files.isRegularFile(config)) {
            agg.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            any = true;
        }
        if (Files.isRegularFile(creds)) {
            agg.addFile(ProfileFile.builder().content(creds).type(ProfileFile.Type.CREDENTIALS).build());
            any = true;
        }
        return any ? agg.build() : null;
    }

    private static Path path(String fromEnv, Path userHome, String defaultRelative) {
        if (fromEnv == null) {
            return userHome.resolve(defaultRelative);
        }
        if (fromEnv.equals("~") || fromEnv.startsWith("~/")) {
            return userHome.resolve(fromEnv.length() <= 2 ? "" : fromEnv.substring(2));
        }
        return Path.of(fromEnv);
    }

    static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
