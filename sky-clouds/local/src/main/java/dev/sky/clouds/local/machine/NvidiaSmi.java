package dev.sky.clouds.local.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GPUs {@code nvidia-smi} reports. Spawning it costs tens of milliseconds or more, so the answer is kept in
 * {@code SKY_HOME/cache/local-gpus.csv} for {@link #CACHE_FOR}. No binary on the PATH means no GPUs, with no cache.
 */
final class NvidiaSmi {
    static final Duration CACHE_FOR = Duration.ofHours(1);
    private static final long TIMEOUT_SECONDS = 10;
    private static final String HEADER = "# sky local GPU probe ";

    /** One GPU: its nvidia-smi name and memory. */
    record Gpu(String name, double memoryMib) {}

    private final Path binary;
    private final Path cacheFile;
    private final Clock clock;

    NvidiaSmi(Path binary, Path cacheFile, Clock clock) {
        this.binary = binary;
        this.cacheFile = cacheFile;
        this.clock = clock;
    }

    /** {@code nvidia-smi} on the PATH, if any. */
    static Path onPath(String pathVariable) {
        if (pathVariable == null) {
            return null;
        }
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "nvidia-smi");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    List<Gpu> gpus() {
        if (binary == null) {
            return List.of();
        }
        List<String> cached = readCache();
        if (cached != null) {
            return parse(cached);
        }
        List<String> lines = run();
        writeCache(lines);
        return parse(lines);
    }

    private List<String> run() {
        Process p = null;
        try {
            Path out = Files.createTempFile("sky-nvidia-smi", ".csv");
            try {
                p = new ProcessBuilder(binary.toString(), "--query-gpu=name,memory.total", "--format=csv,noheader")
                        .redirectErrorStream(false)
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return List.of(); // no driver, or a hung driver: treat as no GPUs
                }
                return Files.readAllLines(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** Cached lines when the cache is fresh and was made by the same binary; null otherwise. */
    private List<String> readCache() {
        try {
            if (!Files.isRegularFile(cacheFile)) {
                return null;
            }
            List<String> lines = Files.readAllLines(cacheFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
                return null;
            }
            String[] header = lines.get(0).substring(HEADER.length()).split(" ", 2);
            long at = Long.parseLong(header[0]);
            if (header.length < 2 || !header[1].equals(binary.toString())) {
                return null;
            }
            long age = clock.millis() - at;
            if (age < 0 || age > CACHE_FOR.toMillis()) {
                return null;
            }
            return lines.subList(1, lines.size());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void writeCache(List<String> lines) {
        try {
            Files.createDirectories(cacheFile.getParent());
            List<String> out = new ArrayList<>();
            out.add(HEADER + clock.millis() + " " + binary);
            out.addAll(lines);
            Path tmp = Files.createTempFile(cacheFile.getParent(), "local-gpus", ".tmp");
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next command another probe
        }
    }

    /** Lines like {@code NVIDIA A100-SXM4-80GB, 81920 MiB}. */
    static List<Gpu> parse(List<String> lines) {
        List<Gpu> out = new ArrayList<>();
        for (String line : lines) {
            int comma = line.lastIndexOf(',');
            if (line.isBlank() || comma < 0) {
                continue;
            }
            String name = line.substring(0, comma).strip();
            String mem = line.substring(comma + 1).strip().replace("MiB", "").strip();
            double mib;
            try {
                mib = Double.parseDouble(mem);
            } catch (NumberFormatException e) {
                mib = Double.NaN;
            }
            out.add(new Gpu(name, mib));
        }
        return out;
    }
}
