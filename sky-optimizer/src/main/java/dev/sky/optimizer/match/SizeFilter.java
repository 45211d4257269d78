package dev.sky.optimizer.match;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.CatalogRow;

/**
 * The cpus and memory a row must have. On a cloud with computed offerings (local, Kubernetes) rows are capacity,
 * so an exact request fits any row with at least that much.
 *
 * @param cpus vCPUs, or null for any
 * @param memory memory, or null for any
 * @param capacity whether rows are capacity rather than fixed instance sizes
 */
record SizeFilter(Amount cpus, Amount memory, boolean capacity) {

    private static final double EPS = 1e-6;
    /** SkyPilot matches accelerator counts within 0.01. */
    private static final double COUNT_TOLERANCE = 0.01;

    boolean admits(CatalogRow row) {
        return admits(row.vcpus(), row.memoryGb());
    }

    boolean admits(double vcpus, double memoryGb) {
        return fits(cpus, vcpus, vcpus) && fits(memory, memoryGb, vcpus);
    }

    boolean unconstrained() {
        return cpus == null && memory == null;
    }

    @Override
    public String toString() {
        return Text.size(cpus, memory);
    }

    private boolean fits(Amount want, double have, double vcpus) {
        if (want == null) {
            return true;
        }
        if (Double.isNaN(have)) {
            return false;
        }
        if (capacity && want.kind() == Amount.Kind.EXACT) {
            return have + EPS >= want.value();
        }
        if (capacity && want.kind() == Amount.Kind.PER_CPU && cpus != null) {
            // The task gets the cpus it asked for, not the whole machine.
            return have + EPS >= want.value() * cpus.value();
        }
        return want.admits(have, vcpus);
    }

    /** Whether a row's accelerator count satisfies the demand: exact, or at least it for capacity rows. */
    static boolean countMatches(double have, double want, boolean capacity) {
        return capacity ? have + EPS >= want : Math.abs(have - want) <= COUNT_TOLERANCE;
    }

    /** Whether a row's device memory and maker satisfy a memory-based demand such as {@code nvidia:80GB+}. */
    static boolean deviceMemoryMatches(CatalogRow row, AcceleratorDemand demand) {
        if (Double.isNaN(row.gpuMemoryGb())) {
            return false;
        }
        if (demand.manufacturer() != null && !demand.manufacturer().equalsIgnoreCase(row.gpuManufacturer())) {
            return false;
        }
        double want = demand.memoryGb();
        return demand.memoryAtLeast() ? row.gpuMemoryGb() + EPS >= want : Math.abs(row.gpuMemoryGb() - want) < 0.01;
    }
}
