package dev.sky.clouds.local.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.optimizer.catalog.CatalogRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMachineTest {
    @TempDir Path tmp;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** A stand-in nvidia-smi: prints fixed CSV and counts its runs in a file. */
    private Path fakeNvidiaSmi(String csv) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin")).resolve("nvidia-smi");
        Files.writeString(bin, "#!/bin/sh\necho run >> " + tmp.resolve("runs") + "\ncat <<'EOF'\n" + csv + "EOF\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private long runs() throws IOException {
        Path runs = tmp.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private Path meminfo(String memTotalLine) throws IOException {
        return Files.writeString(tmp.resolve("meminfo"), memTotalLine + "\nMemFree:  1024 kB\n");
    }

    @Test
    void offersTheMachineWithItsGpusForFree() throws IOException {
        Path smi = fakeNvidiaSmi("NVIDIA A100-SXM4-80GB, 81920 MiB\nNVIDIA A100-SXM4-80GB, 81920 MiB\n");
        LocalMachine m = new LocalMachine(new NvidiaSmi(smi, tmp.resolve("cache/local-gpus.csv"), new ManualClock()),
                meminfo("MemTotal:       65536000 kB"));
        CatalogRow row = m.offering();
        assertThat(row.instanceType()).isEqualTo("local");
        assertThat(row.region()).isEqualTo("local");
        assertThat(row.zone()).isNull();
        assertThat(row.acceleratorName()).isEqualTo("A100-80GB");
        assertThat(row.acceleratorCount()).isEqualTo(2);
        assertThat(row.gpuMemoryGb()).isEqualTo(80.0);
        assertThat(row.gpuManufacturer()).isEqualTo("NVIDIA");
        assertThat(row.vcpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(row.memoryGb()).isEqualTo(65536000 / 1024.0 / 1024.0);
        assertThat(row.price()).isZero();
        assertThat(row.spotPrice()).isNaN();
    }

    @Test
    void nvidiaSmiRunsOnceWhileTheCacheIsFresh() throws IOException {
        Path smi = fakeNvidiaSmi("Tesla T4, 15360 MiB\n");
        ManualClock clock = new ManualClock();
        Path cache = tmp.resolve("cache/local-gpus.csv");
        NvidiaSmi probe = new NvidiaSmi(smi, cache, clock);
        assertThat(probe.gpus()).containsExactly(new NvidiaSmi.Gpu("Tesla T4", 15360));
        assertThat(new NvidiaSmi(smi, cache, clock).gpus()).hasSize(1);
        assertThat(runs()).isEqualTo(1);

        clock.now = clock.now.plus(NvidiaSmi.CACHE_FOR).plusSeconds(1);
        assertThat(new NvidiaSmi(smi, cache, clock).gpus()).hasSize(1);
        assertThat(runs()).as("a stale cache is refreshed").isEqualTo(2);
    }

    @Test
    void noBinaryMeansNoGpusAndNoCache() throws IOException {
        Path cache = tmp.resolve("cache/local-gpus.csv");
        LocalMachine m = new LocalMachine(new NvidiaSmi(null, cache, new ManualClock()), meminfo("MemTotal: 1048576 kB"));
        CatalogRow row = m.offering();
        assertThat(row.hasAccelerator()).isFalse();
        assertThat(row.acceleratorCount()).isZero();
        assertThat(row.memoryGb()).isEqualTo(1.0);
        assertThat(cache).doesNotExist();
    }

    @Test
    void failingNvidiaSmiMeansNoGpus() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin")).resolve("nvidia-smi");
        Files.writeString(bin, "#!/bin/sh\necho 'NVIDIA-SMI has failed' >&2\nexit 9\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        assertThat(new NvidiaSmi(bin, tmp.resolve("c.csv"), new ManualClock()).gpus()).isEmpty();
    }

    @Test
    void findsNvidiaSmiOnThePath() throws IOException {
        Path smi = fakeNvidiaSmi("");
        assertThat(NvidiaSmi.onPath("/nonexistent:" + smi.getParent())).isEqualTo(smi);
        assertThat(NvidiaSmi.onPath("/nonexistent")).isNull();
        assertThat(NvidiaSmi.onPath(null)).isNull();
    }

    @Test
    void memoryFallsBackToTheJvmViewWithoutProcMeminfo() {
        LocalMachine m = new LocalMachine(new NvidiaSmi(null, tmp.resolve("c"), new ManualClock()), tmp.resolve("none"));
        assertThat(m.memoryGib()).isGreaterThan(0.1);
    }

    @Test
    void gpuNamesFollowSkyPilot() {
        assertThat(List.of("NVIDIA A100-SXM4-40GB", "NVIDIA A100 80GB PCIe", "Tesla V100-SXM2-16GB",
                "NVIDIA GeForce RTX 4090", "NVIDIA L40S", "NVIDIA L4", "NVIDIA A10G", "NVIDIA H100 80GB HBM3",
                "Mystery Accelerator 9000").stream().map(GpuNames::canonical))
                .containsExactly("A100", "A100-80GB", "V100", "RTX4090", "L40S", "L4", "A10G", "H100", "MYSTERY");
    }
}
