package dev.sky.core.task;

import java.util.List;
import java.util.Map;

/**
 * One fully expanded resource candidate: at most one accelerator demand, no {@code any_of}/{@code ordered}.
 * A task's {@link ResourceChoice} holds one or more of these. Null fields mean "not requested".
 *
 * @param infra cloud/region/zone pins
 * @param cpus vCPUs per node, or null
 * @param memory memory per node, or null
 * @param accelerator the accelerator demand per node, or null
 * @param instanceType an exact instance type, or null
 * @param useSpot spot (preemptible) instances
 * @param jobRecovery managed-job recovery, or null
 * @param diskSizeGb OS disk size in GB (SkyPilot's default is 256)
 * @param diskTier low|medium|high|ultra|best, or null
 * @param networkTier standard|best, or null
 * @param ports ports or ranges to open, e.g. {@code 8080} or {@code 10000-10010}
 * @param labels instance labels or tags
 * @param imageId image per region; the key {@code *} means any region
 * @param autostop autostop from the YAML, or null
 * @param acceleratorArgs TPU arguments and the like
 * @param priority managed-jobs priority, -1000..1000
 * @param maxHourlyCost the most the user will pay per node-hour, or null
 * @param extra keys that are accepted and carried but not acted on (e.g. {@code volumes}, {@code local_disk})
 */
public record Resources(
        Infra infra,
        Amount cpus,
        Amount memory,
        AcceleratorDemand accelerator,
        String instanceType,
        boolean useSpot,
        JobRecovery jobRecovery,
        int diskSizeGb,
        String diskTier,
        String networkTier,
        List<String> ports,
        Map<String, String> labels,
        Map<String, String> imageId,
        Autostop autostop,
        Map<String, Object> acceleratorArgs,
        Integer priority,
        Double maxHourlyCost,
        Map<String, Object> extra) {

    public static final int DEFAULT_DISK_SIZE_GB = 256;
    public static final String ANY_REGION = "*";

    public Resources {
        infra = infra == null ? Infra.ANY : infra;
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        imageId = imageId == null ? Map.of() : Map.copyOf(imageId);
        acceleratorArgs = acceleratorArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(acceleratorArgs);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(extra);
    }

    /** A request with no constraints at all: SkyPilot's default resources. */
    public static Resources defaults() {
        return new Resources(Infra.ANY, null, null, null, null, false, null, DEFAULT_DISK_SIZE_GB, null, null,
                List.of(), Map.of(), Map.of(), null, Map.of(), null, null, Map.of());
    }

    public Resources withInfra(Infra v) {
        return new Resources(v, cpus, memory, accelerator, instanceType, useSpot, jobRecovery, diskSizeGb, diskTier,
                networkTier, ports, labels, imageId, autostop, acceleratorArgs, priority, maxHourlyCost, extra);
    }

    public Resources withAccelerator(AcceleratorDemand v) {
        return new Resources(infra, cpus, memory, v, instanceType, useSpot, jobRecovery, diskSizeGb, diskTier,
                networkTier, ports, labels, imageId, autostop, acceleratorArgs, priority, maxHourlyCost, extra);
    }

    /** Whether the image asks for a container image ({@code docker:...}) rather than a VM image. */
    public boolean dockerImage() {
        return imageId.values().stream().anyMatch(v -> v != null && v.startsWith("docker:"));
    }

    /** Whether the accelerator is a Google TPU. */
    public boolean tpu() {
        return accelerator != null && accelerator.name() != null
                && accelerator.name().toLowerCase(java.util.Locale.ROOT).startsWith("tpu-");
    }
}
