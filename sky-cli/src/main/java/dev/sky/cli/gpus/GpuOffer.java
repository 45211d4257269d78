package dev.sky.cli.gpus;

/**
 * One line of {@code sky show-gpus NAME}: an accelerator configuration of a cloud, in its cheapest region (or in a
 * given region).
 *
 * @param accelerator the accelerator name as the catalog spells it
 * @param count accelerators per instance
 * @param cloud cloud display name
 * @param instanceType the instance type; empty for an attachable accelerator (GCP), whose price excludes the host
 * @param deviceMemoryGb memory per accelerator in GB, or NaN
 * @param vcpus host vCPUs, or NaN
 * @param hostMemoryGb host memory in GB, or NaN
 * @param price on-demand $/hour, or NaN
 * @param spotPrice spot $/hour, or NaN
 * @param region the region of these prices
 */
public record GpuOffer(String accelerator, double count, String cloud, String instanceType, double deviceMemoryGb,
                       double vcpus, double hostMemoryGb, double price, double spotPrice, String region) {

    public boolean attachable() {
        return instanceType == null || instanceType.isEmpty();
    }
}
