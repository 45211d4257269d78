package dev.sky.optimizer.plan;

import java.util.List;

/**
 * One launchable placement of a task: an instance type in a region (and zone, for spot and GCP) of a cloud.
 *
 * @param cloud cloud id
 * @param region region
 * @param zone zone, or null when all zones of the region are tried together
 * @param instanceType the instance type (for GCP with attached GPUs: the host type)
 * @param acceleratorName accelerator name, or null
 * @param acceleratorCount accelerators per node (0 when none)
 * @param vcpus vCPUs per node
 * @param memoryGb memory per node, GiB
 * @param spot whether this is spot capacity
 * @param hourlyCostPerNode $/hour for one node (host plus attached accelerators)
 * @param numNodes nodes
 * @param choiceIndex index of the resource candidate in the task's {@code ResourceChoice} this came from
 * @param zones when {@code zone} is null: the region's zones that offer this instance, cheapest first (catalog order
 *     on equal prices), so that failover can try them one by one; empty when the zone is set or the catalog has none
 */
public record Candidate(String cloud, String region, String zone, String instanceType, String acceleratorName,
                        double acceleratorCount, double vcpus, double memoryGb, boolean spot,
                        double hourlyCostPerNode, int numNodes, int choiceIndex, List<String> zones) {

    public Candidate {
        zones = zone != null || zones == null ? List.of() : List.copyOf(zones);
    }

    /** A candidate whose zones are unknown (or that has its zone). */
    public Candidate(String cloud, String region, String zone, String instanceType, String acceleratorName,
                     double acceleratorCount, double vcpus, double memoryGb, boolean spot,
                     double hourlyCostPerNode, int numNodes, int choiceIndex) {
        this(cloud, region, zone, instanceType, acceleratorName, acceleratorCount, vcpus, memoryGb, spot,
                hourlyCostPerNode, numNodes, choiceIndex, List.of());
    }

    /** $/hour for all nodes. */
    public double hourlyCost() {
        return hourlyCostPerNode * numNodes;
    }

    /** The same placement pinned to one zone of its region. */
    public Candidate inZone(String z) {
        return new Candidate(cloud, region, z, instanceType, acceleratorName, acceleratorCount, vcpus, memoryGb, spot,
                hourlyCostPerNode, numNodes, choiceIndex, List.of());
    }
}
