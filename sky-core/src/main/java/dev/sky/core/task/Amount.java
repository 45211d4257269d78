package dev.sky.core.task;

/**
 * A cpus or memory request. {@code 4} is exactly 4, {@code 4+} is at least 4, and for memory {@code 4x} is at least
 * 4 GB per vCPU of the chosen instance.
 *
 * @param value the number (vCPUs, GB, or GB per vCPU)
 * @param kind how the number is compared with an offering
 */
public record Amount(double value, Kind kind) {
    public enum Kind { EXACT, AT_LEAST, PER_CPU }

    public static Amount exact(double v) { return new Amount(v, Kind.EXACT); }
    public static Amount atLeast(double v) { return new Amount(v, Kind.AT_LEAST); }
    public static Amount perCpu(double v) { return new Amount(v, Kind.PER_CPU); }

    /** Whether an offering with {@code have} units (and {@code vcpus} vCPUs, for PER_CPU) satisfies this request. */
    public boolean admits(double have, double vcpus) {
        return switch (kind) {
            case EXACT -> Math.abs(have - value) < 1e-6;
            case AT_LEAST -> have + 1e-6 >= value;
            case PER_CPU -> have + 1e-6 >= value * vcpus;
        };
    }

    /** SkyPilot's spelling: {@code 4}, {@code 4+}, {@code 4x}. */
    @Override
    public String toString() {
        String n = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return switch (kind) {
            case EXACT -> n;
            case AT_LEAST -> n + "+";
            case PER_CPU -> n + "x";
        };
    }
}
