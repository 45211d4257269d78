package dev.sky.bench.catalog;

import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a 100,000-row catalog in SkyPilot's AWS layout (generated here from a fixed seed, never shipped), from
 * bytes in memory, so the figure is the loader's and not the disk's. Goal: ≤ 150 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CatalogLoadBenchmark {
    static final int ROWS = 100_000;
    private byte[] csv;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        String[] gpus = {"", "T4", "V100", "A100", "H100", "L4", "A10G"};
        StringBuilder b = new StringBuilder(ROWS * 120);
        b.append("# generated benchmark catalog\n");
        b.append("InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,")
                .append("AvailabilityZone,Arch\n");
        for (int i = 0; i < ROWS; i++) {
            String acc = gpus[i % gpus.length];
            int count = acc.isEmpty() ? 0 : 1 << r.nextInt(4);
            int vcpus = 2 << r.nextInt(6);
            String region = "region-" + (i % 24);
            b.append("fam").append(i % 500).append('.').append(vcpus).append("xlarge,").append(acc).append(',')
                    .append(acc.isEmpty() ? "" : Integer.toString(count)).append(',').append(vcpus).append(".0,")
                    .append(vcpus * 4).append(".0,");
            if (!acc.isEmpty()) {
                b.append("\"{'Gpus': [{'Name': '").append(acc).append("', 'Manufacturer': 'NVIDIA', 'Count': ")
                        .append(count).append(", 'MemoryInfo': {'SizeInMiB': 16384}}], 'TotalGpuMemoryInMiB': ")
                        .append(16384 * count).append("}\"");
            }
            double price = vcpus * 0.05 + count * 1.2 + r.nextDouble();
            b.append(',').append(String.format("%.4f", price)).append(',').append(String.format("%.4f", price / 3))
                    .append(',').append(region).append(',').append(region).append((char) ('a' + i % 3))
                    .append(",x86_64\n");
        }
        csv = b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Catalog load100kRows() {
        return CatalogLoader.load("aws", new ByteArrayInputStream(csv), "bench");
    }
}
