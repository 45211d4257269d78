package dev.sky.clouds.aws.emulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an {@link Ec2Emulator} behaves.
 *
 * @param accessKeyId the only access key id the emulator accepts (in the SigV4 Authorization header)
 * @param secretAccessKey the matching secret, handed to clients through {@link Ec2Emulator#env()}; never checked
 * @param accountId the account of GetCallerIdentity and of every resource's owner
 * @param defaultRegion the region {@link Ec2Emulator#env()} names
 * @param nodeMode each instance is a real local-cloud node (slow, SSH-able); false for the fast mode
 * @param pendingFor how long a new or started instance stays pending at least
 * @param stoppingFor how long a stopping instance stays stopping at least
 * @param shuttingDownFor how long a terminating instance stays shutting-down at least
 * @param terminatedVisibleFor how long a terminated instance stays visible to DescribeInstances
 * @param nodeSkyHome the SKY_HOME of the emulator's own local cloud (node mode); null: a temp folder removed on close
 */
public record EmulatorOptions(String accessKeyId, String secretAccessKey, String accountId, String defaultRegion,
                              boolean nodeMode, Duration pendingFor, Duration stoppingFor,
                              Duration shuttingDownFor, Duration terminatedVisibleFor, Path nodeSkyHome) {

    /** Fast mode: no nodes, every transition settles at the next read. */
    public static EmulatorOptions fast() {
        return new EmulatorOptions("AKIAEMULATOR00000001", "emulator-secret-not-real", "123456789012",
                "us-east-1", false, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60), null);
    }

    /** Node mode: each instance is a real local-cloud node under a temp SKY_HOME. */
    public static EmulatorOptions nodeBacked() {
        return fast().withNodeMode(true);
    }

    public EmulatorOptions withNodeMode(boolean on) {
        return new EmulatorOptions(accessKeyId, secretAccessKey, accountId, defaultRegion, on, pendingFor,
                stoppingFor, shuttingDownFor, terminatedVisibleFor, nodeSkyHome);
    }

    /** The key pair the emulator accepts: e.g. the same pair an S3 test server takes, for one profile. */
    public EmulatorOptions withCredentials(String accessKey, String secret) {
        return new EmulatorOptions(accessKey, secret, accountId, defaultRegion, nodeMode, pendingFor,
                stoppingFor, shuttingDownFor, terminatedVisibleFor, nodeSkyHome);
    }

    public EmulatorOptions withDefaultRegion(String region) {
        return new EmulatorOptions(accessKeyId, secretAccessKey, accountId, region, nodeMode, pendingFor,
                stoppingFor, shuttingDownFor, terminatedVisibleFor, nodeSkyHome);
    }

    public EmulatorOptions withTransitions(Duration pending, Duration stopping, Duration shuttingDown) {
        return new EmulatorOptions(accessKeyId, secretAccessKey, accountId, defaultRegion, nodeMode, pending,
                stopping, shuttingDown, terminatedVisibleFor, nodeSkyHome);
    }

    public EmulatorOptions withTerminatedVisibleFor(Duration d) {
        return new EmulatorOptions(accessKeyId, secretAccessKey, accountId, defaultRegion, nodeMode, pendingFor,
                stoppingFor, shuttingDownFor, d, nodeSkyHome);
    }

    public EmulatorOptions withNodeSkyHome(Path home) {
        return new EmulatorOptions(accessKeyId, secretAccessKey, accountId, defaultRegion, nodeMode, pendingFor,
                stoppingFor, shuttingDownFor, terminatedVisibleFor, home);
    }
}
