package dev.sky.clouds.aws.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/** Real SDK clients aimed at an emulator, for tests. Retries are off unless asked for, so counts are exact. */
public final class EmulatorClients {
    private EmulatorClients() {}

    public static Ec2Client ec2(Ec2Emulator emulator, String region) {
        return ec2(emulator, region, emulator.options().accessKeyId(), false);
    }

    public static Ec2Client ec2(Ec2Emulator emulator, String region, String accessKeyId, boolean sdkRetries) {
        var builder = Ec2Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, emulator.options().secretAccessKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (!sdkRetries) {
            builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
        return builder.build();
    }

    public static StsClient sts(Ec2Emulator emulator, String accessKeyId) {
        return StsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, emulator.options().secretAccessKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
