package dev.sky.optimizer.plan;

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
 */
public record Candidate(String cloud, String region, String zone, String instanceType, String acceleratorName,
                        double acceleratorCount, double vcpus, double memoryGb, boolean spot,
                        double hourlyCostPerNode, int numNodes, int choiceIndex) {

    /** $/hour for all nodes. */
    public double hourlyCost() {
        return hourlyCostPerNode * numNodes;
    }
}
