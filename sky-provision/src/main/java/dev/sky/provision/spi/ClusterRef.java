package dev.sky.provision.spi;

import java.util.Objects;

/**
 * Names one cluster to a cloud: its name there, and where it lives. Clouds that need no location (local) ignore
 * region and zone.
 *
 * @param clusterName the cluster's name on the cloud
 * @param region region, or null where the cloud has none
 * @param zone zone, or null
 */
public record ClusterRef(String clusterName, String region, String zone) {
    public ClusterRef {
        Objects.requireNonNull(clusterName, "clusterName");
    }

    public static ClusterRef of(String clusterName) {
        return new ClusterRef(clusterName, null, null);
    }
}
