package dev.sky.bench.optimizer;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Three catalogs with 100,000 rows in all, shaped like the real ones (AWS and GCP per zone, Azure per region,
 * GCP's accelerators as attachable rows next to n1/a2 hosts), generated from a fixed seed. Built in the benchmark,
 * never shipped.
 */
final class GeneratedCatalogs {

    static final int TOTAL_ROWS = 100_000;
    private static final int AWS_ROWS = 42_000;
    private static final int GCP_ROWS = 36_000;
    private static final int AZURE_ROWS = TOTAL_ROWS - AWS_ROWS - GCP_ROWS;

    private record Spec(String type, String acc, double count, double vcpus, double mem, double gpuMem,
                        double accPrice) {}

    private record Location(String region, String zone, double factor) {}

    private GeneratedCatalogs() {}

    static List<CloudOffering> offerings() {
        SplittableRandom random = new SplittableRandom(42);
        Amount eightPlus = Amount.atLeast(8);
        Amount fourX = Amount.perCpu(4);
        Catalog aws = aws(random);
        Catalog gcp = gcp(random);
        Catalog azure = azure(random);
        return List.of(
                CloudOffering.of(new BenchCloud("aws", "AWS", false,
                        new DefaultInstancePolicy(List.of("m6i", "m7i", "c6i", "c7i", "r6i", "r7i"), eightPlus,
                                fourX), aws), aws),
                CloudOffering.of(new BenchCloud("gcp", "GCP", true,
                        new DefaultInstancePolicy(List.of("n2-standard", "n2-highmem", "n4-standard"), eightPlus,
                                fourX), gcp), gcp),
                CloudOffering.of(new BenchCloud("azure", "Azure", false,
                        new DefaultInstancePolicy(List.of("Standard_D\\d+s_v5", "Standard_E\\d+s_v5"), eightPlus,
                                fourX), azure), azure));
    }

    private static Catalog aws(SplittableRandom random) {
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("p3.2xlarge", "V100", 1, 8, 61, 16, 2.5));
        specs.add(new Spec("p3.8xlarge", "V100", 4, 32, 244, 16, 10));
        specs.add(new Spec("g4dn.xlarge", "T4", 1, 4, 16, 16, 0.35));
        specs.add(new Spec("g4dn.12xlarge", "T4", 4, 48, 192, 16, 1.4));
        specs.add(new Spec("g5.xlarge", "A10G", 1, 4, 16, 24, 0.8));
        specs.add(new Spec("p4d.24xlarge", "A100", 8, 96, 1152, 40, 28));
        specs.add(new Spec("p5.48xlarge", "H100", 8, 192, 2048, 80, 90));
        cpuFamilies(specs, "%s.%s", new String[] {"m6i", "m7i", "c6i", "c7i", "r6i", "r7i", "m5", "c5", "r5", "t3"},
                new String[] {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"});
        fillers(specs, 700, "x%d.%dxlarge");
        return catalog("aws", specs, locations(20, "us-region-%d", 3, true), AWS_ROWS, random);
    }

    private static Catalog gcp(SplittableRandom random) {
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("", "T4", 1, Double.NaN, Double.NaN, 16, 0.35));
        specs.add(new Spec("", "T4", 2, Double.NaN, Double.NaN, 16, 0.70));
        specs.add(new Spec("", "V100", 1, Double.NaN, Double.NaN, 16, 2.48));
        specs.add(new Spec("", "A100", 1, Double.NaN, Double.NaN, 40, 2.93));
        specs.add(new Spec("", "A100", 8, Double.NaN, Double.NaN, 40, 23.5));
        specs.add(new Spec("a2-highgpu-1g", null, 0, 12, 85, Double.NaN, 0.74));
        specs.add(new Spec("a2-highgpu-8g", null, 0, 96, 680, Double.NaN, 5.9));
        cpuFamilies(specs, "%s-%s", new String[] {"n1-standard", "n1-highmem", "n1-highcpu", "n2-standard",
            "n2-highmem", "n4-standard", "e2-standard"}, new String[] {"2", "4", "8", "16", "32", "64", "96"});
        fillers(specs, 400, "z%d-custom-%d");
        return catalog("gcp", specs, locations(30, "gcp-region-%d", 4, true), GCP_ROWS, random);
    }

    private static Catalog azure(SplittableRandom random) {
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("Standard_NC4as_T4_v3", "T4", 1, 4, 28, 16, 0.35));
        specs.add(new Spec("Standard_NC6s_v3", "V100", 1, 6, 112, 16, 2.6));
        specs.add(new Spec("Standard_ND96asr_v4", "A100", 8, 96, 900, 40, 26));
        for (String series : new String[] {"D%ds_v5", "E%ds_v5", "F%ds_v2"}) {
            for (int cpus : new int[] {2, 4, 8, 16, 32, 48, 64, 96}) {
                double mem = series.startsWith("E") ? cpus * 8 : series.startsWith("F") ? cpus * 2 : cpus * 4;
                specs.add(new Spec("Standard_" + String.format(series, cpus), null, 0, cpus, mem, Double.NaN, 0));
            }
        }
        fillers(specs, 500, "Standard_Y%d_v%d");
        return catalog("azure", specs, locations(50, "azure-region-%d", 0, false), AZURE_ROWS, random);
    }

    private static void cpuFamilies(List<Spec> specs, String pattern, String[] families, String[] sizes) {
        for (String family : families) {
            double memPerCpu = family.contains("highmem") || family.startsWith("r") ? 8
                    : family.contains("highcpu") || family.startsWith("c") ? 2 : 4;
            for (int i = 0; i < sizes.length; i++) {
                double cpus = Math.pow(2, i + 1);
                specs.add(new Spec(String.format(pattern, family, sizes[i]), null, 0, cpus, cpus * memPerCpu,
                        Double.NaN, 0));
            }
        }
    }

    /** Types no request in the benchmark asks for: the bulk of a real catalog. */
    private static void fillers(List<Spec> specs, int n, String pattern) {
        for (int i = 0; i < n; i++) {
            double cpus = 2 << (i % 6);
            specs.add(new Spec(String.format(pattern, i / 6, i % 6 + 1), null, 0, cpus, cpus * 4, Double.NaN, 0));
        }
    }

    private static List<Location> locations(int regions, String regionPattern, int zonesPerRegion, boolean zoned) {
        List<Location> out = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            String region = String.format(regionPattern, r);
            double factor = 1 + (r % 7) * 0.03;
            if (!zoned) {
                out.add(new Location(region, null, factor));
                continue;
            }
            for (int z = 0; z < zonesPerRegion; z++) {
                out.add(new Location(region, region + "-" + (char) ('a' + z), factor));
            }
        }
        return out;
    }

    private static Catalog catalog(String cloud, List<Spec> specs, List<Location> locations, int rows,
                                   SplittableRandom random) {
        List<CatalogRow> out = new ArrayList<>(rows);
        outer:
        for (Spec s : specs) {
            for (Location l : locations) {
                if (out.size() == rows) {
                    break outer;
                }
                double cpuPart = Double.isNaN(s.vcpus) ? 0 : s.vcpus * 0.04 + s.mem * 0.005;
                double price = (cpuPart + s.accPrice) * l.factor * (1 + random.nextDouble() * 0.02);
                double spot = random.nextInt(10) == 0 ? Double.NaN : price * (0.25 + random.nextDouble() * 0.15);
                out.add(new CatalogRow(s.type, s.acc, s.count, s.vcpus, s.mem, s.gpuMem,
                        s.acc == null ? null : "NVIDIA", price, spot, l.region, l.zone));
            }
        }
        if (out.size() != rows) {
            throw new IllegalStateException(cloud + ": generated " + out.size() + " rows, wanted " + rows);
        }
        return new Catalog(cloud, out, "generated", null);
    }

    static int rowCount(List<CloudOffering> clouds) {
        return clouds.stream().mapToInt(c -> c.index().rows().size()).sum();
    }

}
