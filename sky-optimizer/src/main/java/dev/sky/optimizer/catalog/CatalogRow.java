package dev.sky.optimizer.catalog;

/**
 * One offering: an instance type (or, on GCP, an attachable accelerator with an empty instance type) in one
 * region or zone, with its hourly prices.
 *
 * @param instanceType the instance type; empty for a GCP attachable accelerator row
 * @param acceleratorName the accelerator name, or null
 * @param acceleratorCount accelerators per instance (0 when none)
 * @param vcpus vCPUs (NaN when unknown, as for attachable rows)
 * @param memoryGb memory in GiB (NaN when unknown)
 * @param gpuMemoryGb device memory per accelerator in GiB, or NaN
 * @param gpuManufacturer e.g. {@code NVIDIA}, or null
 * @param price on-demand $/hour, or NaN when not offered
 * @param spotPrice spot $/hour, or NaN when not offered
 * @param region the region
 * @param zone the zone, or null (Azure, local)
 */
public record CatalogRow(String instanceType, String acceleratorName, double acceleratorCount, double vcpus,
                         double memoryGb, double gpuMemoryGb, String gpuManufacturer, double price, double spotPrice,
                         String region, String zone) {

    public boolean hasAccelerator() {
        return acceleratorName != null && !acceleratorName.isEmpty() && acceleratorCount > 0;
    }

    public boolean attachable() {
        return instanceType == null || instanceType.isEmpty();
    }

    /** The price for the kind of capacity asked for; NaN when not offered. */
    public double price(boolean spot) {
        return spot ? spotPrice : price;
    }
}
