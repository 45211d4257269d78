package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.BulkClusterInfo;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of many clusters of one region from one DescribeInstances (per 200 names, plus pages), filtered by sky's
 * user tag and the list of cluster names; each cluster's answer is what {@link AwsProvisioner#clusterInfo} gives.
 */
final class AwsBulkClusterInfo implements BulkClusterInfo {
    private final AwsProvisioner provisioner;

    AwsBulkClusterInfo(AwsProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public Map<String, ClusterInfo> clusterInfos(String region, List<ClusterRef> clusters) {
        Map<String, ClusterInstances> found = ClusterInstances.describeMany(provisioner.calls(region),
                provisioner.userId(), clusters.stream().map(ClusterRef::clusterName).distinct().toList());
        Map<String, ClusterInfo> out = new LinkedHashMap<>();
        for (ClusterRef ref : clusters) {
            provisioner.infoOf(ref, found.get(ref.clusterName())).ifPresent(i -> out.put(ref.clusterName(), i));
        }
        return out;
    }
}
