package dev.sky.optimizer.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which host VM carries an attached accelerator, on a cloud that prices accelerators apart from their host (GCP).
 * These are GCP's documented pairings as SkyPilot applies them: A100, H100, L4 and newer GPUs come with fixed
 * machine types; other GPUs attach to an n1 host sized from the GPU count; TPU VMs need no host, and a TPU node
 * ({@code accelerator_args.tpu_vm: false}) sits beside an n1 host.
 */
public final class AttachableHostRules {

    /** Families a GPU without a fixed host attaches to. */
    public static final List<String> N1_FAMILIES = List.of("n1-standard", "n1-highmem", "n1-highcpu");
    /** SkyPilot's host memory default for attached GPUs: GB per host vCPU. */
    static final double HOST_MEMORY_PER_CPU = 4;
    public static final String TPU_VM = "TPU-VM";
    /** A TPU node's host: n1, by default 8+ vCPUs with 4 GB each, as for any accelerator without its own table. */
    static final N1Host TPU_NODE_HOST = new N1Host(8, Double.NaN, Double.NaN);

    /** How a host is chosen for one accelerator name and count. */
    public sealed interface Rule {}

    /** A TPU VM: the accelerator row's price is the whole price. */
    public record NoHost() implements Rule {}

    /** One of these machine types, and nothing else. */
    public record FixedHosts(List<String> instanceTypes) implements Rule {}

    /**
     * An n1 host. Without a cpus/memory request the host has at least {@code defaultCpus} vCPUs and 4 GB per vCPU.
     * GCP caps the host size per GPU count ({@code maxCpus}, {@code maxMemoryGb}; NaN when unknown).
     */
    public record N1Host(double defaultCpus, double maxCpus, double maxMemoryGb) implements Rule {}

    /** The count cannot be attached. */
    public record InvalidCount(List<Integer> validCounts) implements Rule {}

    private static final Map<String, Map<Integer, List<String>>> FIXED = new LinkedHashMap<>();
    /** Default host vCPUs per GPU count (SkyPilot sizes these after the matching AWS instances). */
    private static final Map<String, Map<Integer, Integer>> DEFAULT_CPUS = new LinkedHashMap<>();
    /** GCP's largest host per GPU count: {vCPUs, GB}. */
    private static final Map<String, Map<Integer, int[]>> MAX_HOST = new LinkedHashMap<>();

    static {
        FIXED.put("a100", Map.of(1, List.of("a2-highgpu-1g"), 2, List.of("a2-highgpu-2g"),
                4, List.of("a2-highgpu-4g"), 8, List.of("a2-highgpu-8g"), 16, List.of("a2-megagpu-16g")));
        FIXED.put("a100-80gb", Map.of(1, List.of("a2-ultragpu-1g"), 2, List.of("a2-ultragpu-2g"),
                4, List.of("a2-ultragpu-4g"), 8, List.of("a2-ultragpu-8g")));
        FIXED.put("l4", Map.of(1, List.of("g2-standard-4", "g2-standard-8", "g2-standard-12", "g2-standard-16",
                "g2-standard-32"), 2, List.of("g2-standard-24"), 4, List.of("g2-standard-48"),
                8, List.of("g2-standard-96")));
        FIXED.put("h100", Map.of(1, List.of("a3-highgpu-1g"), 2, List.of("a3-highgpu-2g"),
                4, List.of("a3-highgpu-4g"), 8, List.of("a3-highgpu-8g")));
        FIXED.put("h100-mega", Map.of(8, List.of("a3-megagpu-8g")));
        FIXED.put("h200", Map.of(8, List.of("a3-ultragpu-8g")));
        FIXED.put("b200", Map.of(8, List.of("a4-highgpu-8g")));

        DEFAULT_CPUS.put("k80", Map.of(1, 4, 2, 8, 4, 16, 8, 32, 16, 64));
        DEFAULT_CPUS.put("v100", Map.of(1, 8, 2, 16, 4, 32, 8, 64));
        DEFAULT_CPUS.put("t4", Map.of(1, 4, 2, 8, 4, 48));
        DEFAULT_CPUS.put("p100", Map.of(1, 8, 2, 16, 4, 32, 8, 64));
        DEFAULT_CPUS.put("default", Map.of(1, 8, 2, 16, 4, 32, 8, 64, 16, 128));

        MAX_HOST.put("k80", Map.of(1, new int[] {8, 52}, 2, new int[] {16, 104}, 4, new int[] {32, 208},
                8, new int[] {64, 208}));
        MAX_HOST.put("v100", Map.of(1, new int[] {12, 78}, 2, new int[] {24, 156}, 4, new int[] {48, 312},
                8, new int[] {96, 624}));
        MAX_HOST.put("t4", Map.of(1, new int[] {48, 312}, 2, new int[] {48, 312}, 4, new int[] {96, 624}));
        MAX_HOST.put("p4", Map.of(1, new int[] {24, 156}, 2, new int[] {48, 312}, 4, new int[] {96, 624}));
        MAX_HOST.put("p100", Map.of(1, new int[] {16, 104}, 2, new int[] {32, 208}, 4, new int[] {96, 624}));
    }

    private AttachableHostRules() {}

    /** The host rule for {@code count} of the named accelerator; a TPU runs as a TPU VM. */
    public static Rule forAccelerator(String name, double count) {
        return forAccelerator(name, count, true);
    }

    /** The host rule for {@code count} of the named accelerator; {@code tpuVm} false: a TPU node beside an n1 host. */
    public static Rule forAccelerator(String name, double count, boolean tpuVm) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.startsWith("tpu-")) {
            return tpuVm ? new NoHost() : TPU_NODE_HOST;
        }
        int n = (int) Math.rint(count);
        boolean whole = Math.abs(count - n) < 1e-6;
        Map<Integer, List<String>> fixed = FIXED.get(key);
        if (fixed != null) {
            List<String> types = whole ? fixed.get(n) : null;
            return types == null ? new InvalidCount(sorted(fixed.keySet())) : new FixedHosts(types);
        }
        Map<Integer, int[]> max = MAX_HOST.get(key);
        Map<Integer, Integer> cpus = DEFAULT_CPUS.getOrDefault(key, DEFAULT_CPUS.get("default"));
        Map<Integer, ?> valid = max != null ? max : cpus;
        if (!whole || !valid.containsKey(n)) {
            return new InvalidCount(sorted(valid.keySet()));
        }
        // P4 and unknown GPUs use the generic sizes (cpus is then the "default" table).
        double defaultCpus = cpus.getOrDefault(n, DEFAULT_CPUS.get("default").getOrDefault(n, 8 * n));
        int[] cap = max == null ? null : max.get(n);
        return new N1Host(defaultCpus, cap == null ? Double.NaN : cap[0], cap == null ? Double.NaN : cap[1]);
    }

    /** The accelerator a fixed host type carries ({@code a2-highgpu-8g} → A100:8), or null. */
    public static Implied impliedBy(String instanceType) {
        for (Map.Entry<String, Map<Integer, List<String>>> e : FIXED.entrySet()) {
            for (Map.Entry<Integer, List<String>> c : e.getValue().entrySet()) {
                if (c.getValue().contains(instanceType)) {
                    return new Implied(e.getKey(), c.getKey());
                }
            }
        }
        return null;
    }

    /** An accelerator implied by a host type: lower-case name and count. */
    public record Implied(String name, int count) {}

    private static List<Integer> sorted(java.util.Set<Integer> keys) {
        return keys.stream().sorted().toList();
    }
}
