package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.ProvisionRequest;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * Builds and sends the RunInstances call for one rank of a cluster: image, type, market, zone, disk, security group,
 * key pair, user data, tags on the instance and its volume (type and IOPS from the disk tier), the shutdown behaviour, and the ClientToken.
 */
final class InstanceLauncher {
    /** SkyPilot's default boot disk. */
    static final int DEFAULT_DISK_GB = 256;

    private final Ec2Calls calls;
    private final String userId;
    private final LaunchTokens tokens;

    InstanceLauncher(Ec2Calls calls, String userId, LaunchTokens tokens) {
        this.calls = calls;
        this.userId = userId;
        this.tokens = tokens;
    }

    /**
     * Launches rank {@code rank} in {@code zone} (null: EC2 picks) and returns the instance.
     *
     * @param terminateOnShutdown whether a shutdown from inside the node terminates it (autostop --down)
     */
    Instance launch(ProvisionRequest r, int rank, String zone, String imageId, String groupId, String keyName,
                    boolean terminateOnShutdown) {
        // One-time spot instances cannot be stopped: a shutdown from inside always ends them.
        boolean terminate = terminateOnShutdown || r.spot();
        Map<String, String> tags = AwsTags.of(userId, r.clusterName(), rank, userLabels(r.labels()));
        tags.put(AwsSelfShutdown.TAG, terminate ? "terminate" : "stop");
        int disk = r.diskSizeGb() > 0 ? r.diskSizeGb() : DEFAULT_DISK_GB;
        RunInstancesRequest.Builder b = RunInstancesRequest.builder()
                .imageId(imageId).instanceType(r.instanceType()).minCount(1).maxCount(1)
                .clientToken(tokens.token(userId, r.clusterName(), calls.region, zone, r.instanceType(), r.spot(),
                        rank))
                .keyName(keyName).securityGroupIds(groupId)
                .userData(NodeUserData.base64(NodeUserData.cloudConfig(List.of(r.skyPublicKey(),
                        r.clusterPublicKey() == null ? "" : r.clusterPublicKey()))))
                .instanceInitiatedShutdownBehavior(terminate ? ShutdownBehavior.TERMINATE
                        : ShutdownBehavior.STOP)
                .blockDeviceMappings(BlockDeviceMapping.builder().deviceName("/dev/sda1")
                        .ebs(AwsDiskSpec.forTier(r.diskTier()).ebs(disk)).build())
                .tagSpecifications(AwsTags.spec(ResourceType.INSTANCE, tags), AwsTags.spec(ResourceType.VOLUME, tags));
        if (zone != null) {
            b.placement(Placement.builder().availabilityZone(zone).build());
        }
        if (r.spot()) {
            b.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT).build());
        }
        RunInstancesRequest req = b.build();
        List<Instance> made = calls.call("RunInstances", zone, () -> calls.ec2.runInstances(req)).instances();
        if (made.isEmpty()) {
            throw new AwsErrors(calls.region, zone).translate("RunInstances",
                    software.amazon.awssdk.core.exception.SdkClientException.create("EC2 accepted the request for "
                            + r.clusterName() + " rank " + rank + " but returned no instance"));
        }
        return made.get(0);
    }

    /** The user's labels, without keys that would overwrite sky's own tags or that AWS reserves. */
    static Map<String, String> userLabels(Map<String, String> labels) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("aws:") && !k.startsWith("sky-") && !k.equals(AwsTags.CLUSTER)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
