package dev.sky.provision.spi;

import java.util.List;
import java.util.Map;

/**
 * The nodes of many clusters of one region in as few cloud calls as the cloud allows, for {@code sky status
 * --refresh}: a refresh of N clusters then costs a call or two per region instead of N, which keeps it inside the
 * cloud's request budget. Offered through {@code Provisioner.extension(BulkClusterInfo.class)}; without it, refresh
 * asks {@link Provisioner#clusterInfo} once per cluster.
 */
public interface BulkClusterInfo {
    /**
     * What {@link Provisioner#clusterInfo} would answer for each of {@code clusters} (all in {@code region}), keyed by
     * cluster name. A cluster with no node visible is left out of the map.
     */
    Map<String, ClusterInfo> clusterInfos(String region, List<ClusterRef> clusters);
}
