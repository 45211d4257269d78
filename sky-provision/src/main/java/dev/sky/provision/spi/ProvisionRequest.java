package dev.sky.provision.spi;

import dev.sky.optimizer.plan.Candidate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a cloud needs to create a cluster's nodes. Keys are public keys only: no secret ever travels here.
 *
 * @param clusterName the cluster's name on the cloud
 * @param numNodes nodes to create, the head included (at least 1)
 * @param cloud cloud id of the chosen candidate
 * @param region region of the chosen candidate (null for clouds without regions)
 * @param zone zone, or null to let the cloud pick within the region
 * @param instanceType instance type of the chosen candidate
 * @param spot whether to ask for spot capacity
 * @param imageId the image to boot, or null for the cloud's default
 * @param diskSizeGb boot disk size in GB, or 0 for the cloud's default
 * @param ports ports to open on every node (may be empty)
 * @param skyPublicKey the user's sky public key (OpenSSH form), authorized for sky to log in
 * @param clusterPublicKey the cluster's intra-cluster public key (OpenSSH form), authorized for head-to-worker SSH
 * @param labels tags to put on the nodes (may be empty)
 */
public record ProvisionRequest(String clusterName, int numNodes, String cloud, String region, String zone,
                               String instanceType, boolean spot, String imageId, int diskSizeGb,
                               List<PortRange> ports, String skyPublicKey, String clusterPublicKey,
                               Map<String, String> labels) {
    public ProvisionRequest {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(skyPublicKey, "skyPublicKey");
        if (numNodes < 1) {
            throw new IllegalArgumentException("numNodes must be >= 1: " + numNodes);
        }
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The label the launcher sets (to {@code true}) when autostop with {@code --down} is asked at launch. Clouds whose
     * nodes end themselves on autostop (AWS) then make a shutdown from inside the node terminate it instead of
     * stopping it. Clouds drop it from the tags they set.
     */
    public static final String AUTOSTOP_DOWN_LABEL = "sky-autostop-down";

    /**
     * The label the launcher sets to the task's {@code disk_tier} (low, medium, high, ultra, best) when it names one.
     * Clouds map it to their disk types and drop it from the tags they set.
     */
    public static final String DISK_TIER_LABEL = "sky-disk-tier";

    /** The task's {@code disk_tier}, lowercased, or null for the cloud's default (see {@link #DISK_TIER_LABEL}). */
    public String diskTier() {
        return labels.get(DISK_TIER_LABEL);
    }

    /** Whether autostop with {@code --down} was asked at launch (see {@link #AUTOSTOP_DOWN_LABEL}). */
    public boolean autostopDown() {
        return "true".equals(labels.get(AUTOSTOP_DOWN_LABEL));
    }

    /** A request for the chosen candidate, with no image, disk size, ports or labels. */
    public static ProvisionRequest forCandidate(String clusterName, Candidate chosen, String skyPublicKey,
                                                String clusterPublicKey) {
        return new ProvisionRequest(clusterName, chosen.numNodes(), chosen.cloud(), chosen.region(), chosen.zone(),
                chosen.instanceType(), chosen.spot(), null, 0, List.of(), skyPublicKey, clusterPublicKey, Map.of());
    }

    public ClusterRef ref() {
        return new ClusterRef(clusterName, region, zone);
    }

    public ProvisionRequest withPorts(List<PortRange> newPorts) {
        return new ProvisionRequest(clusterName, numNodes, cloud, region, zone, instanceType, spot, imageId,
                diskSizeGb, newPorts, skyPublicKey, clusterPublicKey, labels);
    }

    public ProvisionRequest withSpot(boolean newSpot) {
        return new ProvisionRequest(clusterName, numNodes, cloud, region, zone, instanceType, newSpot, imageId,
                diskSizeGb, ports, skyPublicKey, clusterPublicKey, labels);
    }

    public ProvisionRequest withNumNodes(int newNumNodes) {
        return new ProvisionRequest(clusterName, newNumNodes, cloud, region, zone, instanceType, spot, imageId,
                diskSizeGb, ports, skyPublicKey, clusterPublicKey, labels);
    }

    public ProvisionRequest withImage(String newImageId, int newDiskSizeGb) {
        return new ProvisionRequest(clusterName, numNodes, cloud, region, zone, instanceType, spot, newImageId,
                newDiskSizeGb, ports, skyPublicKey, clusterPublicKey, labels);
    }

    public ProvisionRequest withLabels(Map<String, String> newLabels) {
        return new ProvisionRequest(clusterName, numNodes, cloud, region, zone, instanceType, spot, imageId,
                diskSizeGb, ports, skyPublicKey, clusterPublicKey, newLabels);
    }
}
