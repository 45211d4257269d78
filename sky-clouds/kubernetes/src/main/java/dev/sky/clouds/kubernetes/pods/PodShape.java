package dev.sky.clouds.kubernetes.pods;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of one pod, named as SkyPilot names Kubernetes "instance types": {@code 4CPU--16GB}, or
 * {@code 4CPU--16GB--A100:1} with accelerators. A pod gets exactly what it asks for, so a request's {@code 8+} is
 * 8; without a size it gets SkyPilot's pod defaults: 2 vCPUs with 1 GB each, or with accelerators 4 vCPUs per
 * accelerator with 4 GB each.
 *
 * @param cpus vCPUs
 * @param memoryGb memory in GB
 * @param acceleratorName accelerator name, or null
 * @param acceleratorCount accelerators (0 when none)
 */
public record PodShape(double cpus, double memoryGb, String acceleratorName, double acceleratorCount) {

    static final double DEFAULT_CPUS = 2;
    static final double DEFAULT_MEMORY_PER_CPU = 1;
    static final double CPUS_PER_ACCELERATOR = 4;
    static final double MEMORY_PER_CPU_WITH_ACCELERATOR = 4;

    private static final Pattern NAME = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)CPU--(\\d+(?:\\.\\d+)?)GB(?:--([^:]+):(\\d+(?:\\.\\d+)?))?");

    /** The pod a resource candidate asks for; null when it cannot be sized (an accelerator named by its memory). */
    public static PodShape of(Resources r) {
        if (r.instanceType() != null) {
            return parse(r.instanceType());
        }
        AcceleratorDemand acc = r.accelerator();
        if (acc != null && acc.byMemory()) {
            return null;
        }
        boolean accelerated = acc != null && acc.count() > 0;
        double cpus = r.cpus() != null ? r.cpus().value()
                : accelerated ? CPUS_PER_ACCELERATOR * acc.count() : DEFAULT_CPUS;
        double memory = memoryOf(r.memory(), cpus,
                accelerated ? MEMORY_PER_CPU_WITH_ACCELERATOR : DEFAULT_MEMORY_PER_CPU);
        return new PodShape(cpus, memory, accelerated ? acc.name() : null, accelerated ? acc.count() : 0);
    }

    /** A shape from its name ({@code 4CPU--16GB--A100:1}); null when the name is not a pod shape. */
    public static PodShape parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        double cpus = Double.parseDouble(m.group(1));
        double memory = Double.parseDouble(m.group(2));
        return m.group(3) == null ? new PodShape(cpus, memory, null, 0)
                : new PodShape(cpus, memory, m.group(3), Double.parseDouble(m.group(4)));
    }

    private static double memoryOf(Amount memory, double cpus, double defaultPerCpu) {
        if (memory == null) {
            return cpus * defaultPerCpu;
        }
        return memory.kind() == Amount.Kind.PER_CPU ? memory.value() * cpus : memory.value();
    }

    public boolean hasAccelerator() {
        return acceleratorName != null && acceleratorCount > 0;
    }

    /** {@code 4CPU--16GB--A100:1}. */
    public String name() {
        String base = number(cpus) + "CPU--" + number(memoryGb) + "GB";
        return hasAccelerator() ? base + "--" + acceleratorName + ":" + number(acceleratorCount) : base;
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceFirst("0+$", "");
    }
}
