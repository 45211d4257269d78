package dev.sky.core.task;

/**
 * One accelerator request, e.g. {@code A100:4}, {@code V100:0.5}, or by device memory: {@code 80GB+},
 * {@code nvidia:80GB:8}.
 *
 * @param name canonical-or-user accelerator name; null for a memory-only request
 * @param count how many per node (fractional counts share a device)
 * @param memoryGb device memory per accelerator for a memory request, else null
 * @param memoryAtLeast for a memory request: {@code true} for {@code 80GB+}, {@code false} for exactly 80 GB
 * @param manufacturer for a memory request: e.g. {@code nvidia} or {@code amd}; null for any
 */
public record AcceleratorDemand(String name, double count, Double memoryGb, boolean memoryAtLeast, String manufacturer) {

    public static AcceleratorDemand of(String name, double count) {
        return new AcceleratorDemand(name, count, null, false, null);
    }

    public boolean byMemory() {
        return name == null;
    }

    /** {@code A100:4}, {@code V100:0.5}, {@code nvidia:80GB+:8}. */
    @Override
    public String toString() {
        String c = count == Math.rint(count) ? Long.toString((long) count) : Double.toString(count);
        if (!byMemory()) {
            return name + ":" + c;
        }
        String mem = (memoryGb == Math.rint(memoryGb) ? Long.toString(memoryGb.longValue()) : memoryGb.toString())
                + "GB" + (memoryAtLeast ? "+" : "");
        return (manufacturer == null ? "" : manufacturer + ":") + mem + ":" + c;
    }
}
