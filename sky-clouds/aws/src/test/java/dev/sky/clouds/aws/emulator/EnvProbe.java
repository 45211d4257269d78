package dev.sky.clouds.aws.emulator;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A separate process that configures the SDK from its environment only, as the sky CLI does: proves that
 * {@link Ec2Emulator#env()} is enough to reach the emulator. Prints the account and the number of reservations.
 */
public final class EnvProbe {
    private EnvProbe() {}

    public static void main(String[] args) {
        try (StsClient sts = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             Ec2Client ec2 = Ec2Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String account = sts.getCallerIdentity().account();
            int reservations = ec2.describeInstances().reservations().size();
            System.out.println(account + " " + reservations);
        }
    }
}
