package dev.sky.clouds.ssh.probe;

import dev.sky.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sky ssh up} read on a host.
 *
 * @param cpus online CPUs
 * @param memoryGb total memory in GiB, one decimal
 * @param gpuName SkyPilot's name of the host's GPUs (the first model nvidia-smi lists), or null
 * @param gpuCount how many GPUs of that model
 * @param gpuMemoryGb memory of one such GPU in GiB, or 0
 * @param os the OS ({@code PRETTY_NAME} of /etc/os-release, else uname -s)
 * @param arch the machine architecture (uname -m)
 * @param diskFreeGb free space in the login user's home, GiB
 * @param hasBash whether bash is on the PATH of a non-interactive login
 */
public record HostFacts(int cpus, double memoryGb, String gpuName, int gpuCount, double gpuMemoryGb, String os,
                        String arch, double diskFreeGb, boolean hasBash) {

    /** Prints {@code key=value} lines, one {@code gpu=name, memory} line per GPU. POSIX sh, no bash needed. */
    static final String SCRIPT = String.join("\n",
            "printf 'cpus=%s\\n' \"$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null)\"",
            "if [ -r /proc/meminfo ]; then awk '/^MemTotal:/ { print \"mem_kb=\" $2 }' /proc/meminfo;",
            "else printf 'mem_kb=%s\\n' \"$(( $(sysctl -n hw.memsize 2>/dev/null || echo 0) / 1024 ))\"; fi",
            "os=$( (. /etc/os-release 2>/dev/null && printf %s \"$PRETTY_NAME\") )",
            "printf 'os=%s\\n' \"${os:-$(uname -s)}\"",
            "printf 'arch=%s\\n' \"$(uname -m)\"",
            "if command -v bash >/dev/null 2>&1; then echo bash=1; else echo bash=0; fi",
            "printf 'disk_kb=%s\\n' \"$(df -Pk \"$HOME\" 2>/dev/null | awk 'NR == 2 { print $4 }')\"",
            "if command -v nvidia-smi >/dev/null 2>&1; then",
            "  t=; command -v timeout >/dev/null 2>&1 && t='timeout 10'",
            "  $t nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits 2>/dev/null | sed 's/^/gpu=/'",
            "fi",
            "");

    /** Parses {@link #SCRIPT}'s output; throws IllegalArgumentException when a required line is missing. */
    static HostFacts parse(String output) {
        Map<String, String> kv = new LinkedHashMap<>();
        String gpu = null;
        int gpuCount = 0;
        double gpuMem = 0;
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1).strip();
            if (k.equals("gpu")) {
                String[] parts = v.split(",");
                String name = GpuNames.canonical(parts[0].strip());
                if (gpu == null || gpu.equals(name)) {
                    gpu = name;
                    gpuCount++;
                    gpuMem = parts.length > 1 ? parseDouble(parts[1].strip()) / 1024.0 : 0;
                }
            } else {
                kv.putIfAbsent(k, v);
            }
        }
        int cpus = (int) parseDouble(kv.get("cpus"));
        double memKb = parseDouble(kv.get("mem_kb"));
        if (cpus <= 0 || memKb <= 0) {
            throw new IllegalArgumentException("the host did not report its CPUs and memory");
        }
        double diskKb = kv.get("disk_kb") == null || kv.get("disk_kb").isEmpty() ? -1 : parseDouble(kv.get("disk_kb"));
        return new HostFacts(cpus, round1(memKb / 1048576.0), gpu, gpuCount, round1(gpuMem),
                kv.getOrDefault("os", "unknown"), kv.getOrDefault("arch", "unknown"),
                diskKb < 0 ? -1 : round1(diskKb / 1048576.0), "1".equals(kv.get("bash")));
    }

    /** The host's shape, used as its instance type: {@code 4CPU--16GB}, {@code 8CPU--64GB--2xA100}. */
    public String shape() {
        String s = cpus + "CPU--" + num(memoryGb) + "GB";
        return gpuName == null ? s : s + "--" + gpuCount + "x" + gpuName;
    }

    /** Whether this host offers at least what {@code other} offers (CPUs, memory, the same GPUs). */
    public boolean covers(HostFacts other) {
        boolean gpus = other.gpuName() == null || (other.gpuName().equals(gpuName) && gpuCount >= other.gpuCount());
        return cpus >= other.cpus() && memoryGb >= other.memoryGb() && gpus;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", cpus);
        m.put("memory_gb", memoryGb);
        m.put("gpu", gpuName);
        m.put("gpu_count", gpuCount);
        m.put("gpu_memory_gb", gpuMemoryGb);
        m.put("os", os);
        m.put("arch", arch);
        m.put("disk_free_gb", diskFreeGb);
        m.put("bash", hasBash);
        return m;
    }

    public static HostFacts fromMap(Map<String, Object> m) {
        return new HostFacts(n(m.get("cpus")).intValue(), n(m.get("memory_gb")).doubleValue(),
                m.get("gpu") == null ? null : String.valueOf(m.get("gpu")), n(m.get("gpu_count")).intValue(),
                n(m.get("gpu_memory_gb")).doubleValue(), String.valueOf(m.get("os")), String.valueOf(m.get("arch")),
                n(m.get("disk_free_gb")).doubleValue(), Boolean.TRUE.equals(m.get("bash")));
    }

    /** Reads the facts part of a stored {@code facts_json}. */
    public static HostFacts fromJson(String json) {
        return fromMap(Json.parseObject(json));
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static Number n(Object o) {
        return o instanceof Number x ? x : 0;
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }

    private static double parseDouble(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
