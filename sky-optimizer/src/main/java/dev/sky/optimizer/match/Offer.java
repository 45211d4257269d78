package dev.sky.optimizer.match;

import dev.sky.optimizer.catalog.CatalogRow;

/**
 * One priced way to run a node of a task in one region or zone: an instance row, or a host plus attached
 * accelerators, or a TPU VM.
 *
 * @param instanceType the instance (or host) type; {@code TPU-VM} for a TPU
 * @param acceleratorName accelerator name as the catalog spells it, or null
 * @param acceleratorCount accelerators per node (0 when none)
 * @param vcpus vCPUs per node (NaN when unknown)
 * @param memoryGb memory per node in GiB (NaN when unknown)
 * @param region region
 * @param zone zone, or null
 * @param price $/hour per node for the kind of capacity asked for; NaN when that kind is not offered
 */
public record Offer(String instanceType, String acceleratorName, double acceleratorCount, double vcpus,
                    double memoryGb, String region, String zone, double price) {

    static Offer of(CatalogRow row, boolean spot) {
        return new Offer(row.instanceType(), row.hasAccelerator() ? row.acceleratorName() : null,
                row.hasAccelerator() ? row.acceleratorCount() : 0, row.vcpus(), row.memoryGb(), row.region(),
                row.zone(), row.price(spot));
    }

    Offer withAcceleratorCount(double count) {
        return new Offer(instanceType, acceleratorName, count, vcpus, memoryGb, region, zone, price);
    }
}
