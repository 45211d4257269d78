package dev.sky.clouds.local.machine;

import dev.sky.optimizer.catalog.CatalogRow;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What this machine offers the local cloud: its CPUs, its memory, and the GPUs nvidia-smi reports. */
public final class LocalMachine {
    private final NvidiaSmi nvidiaSmi;
    private final Path meminfo;

    LocalMachine(NvidiaSmi nvidiaSmi, Path meminfo) {
        this.nvidiaSmi = nvidiaSmi;
        this.meminfo = meminfo;
    }

    /** This machine, with nvidia-smi found on {@code PATH} and its answer cached in {@code cacheDir}. */
    public static LocalMachine probe(Path cacheDir, String pathVariable) {
        return new LocalMachine(new NvidiaSmi(NvidiaSmi.onPath(pathVariable), cacheDir.resolve("local-gpus.csv"),
                Clock.systemUTC()), Path.of("/proc/meminfo"));
    }

    /** The one offering: instance type {@code local}, region {@code local}, free, no spot. */
    public CatalogRow offering() {
        List<NvidiaSmi.Gpu> gpus = nvidiaSmi.gpus();
        String accelerator = null;
        int count = 0;
        double gpuMemoryGb = Double.NaN;
        String manufacturer = null;
        if (!gpus.isEmpty()) {
            // A mixed machine is rare; offer its most common GPU type.
            Map<String, List<NvidiaSmi.Gpu>> byName = gpus.stream()
                    .collect(Collectors.groupingBy(g -> GpuNames.canonical(g.name())));
            Map.Entry<String, List<NvidiaSmi.Gpu>> most = byName.entrySet().stream()
                    .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size()))).orElseThrow();
            accelerator = most.getKey();
            count = most.getValue().size();
            gpuMemoryGb = most.getValue().get(0).memoryMib() / 1024.0;
            manufacturer = "NVIDIA";
        }
        return new CatalogRow("local", accelerator, count, Runtime.getRuntime().availableProcessors(), memoryGib(),
                gpuMemoryGb, manufacturer, 0.0, Double.NaN, "local", null);
    }

    /** Total memory in GiB: /proc/meminfo on Linux, else the JVM's view of the OS. */
    double memoryGib() {
        if (Files.isReadable(meminfo)) {
            try (var lines = Files.lines(meminfo)) {
                Function<String, Double> kb = l -> Double.parseDouble(l.replaceAll("[^0-9]", ""));
                Double total = lines.filter(l -> l.startsWith("MemTotal:")).findFirst().map(kb).orElse(null);
                if (total != null) {
                    return total / (1024.0 * 1024.0);
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the JVM's view
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024.0 * 1024.0 * 1024.0);
        }
        return Double.NaN;
    }
}
