package dev.sky.optimizer.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each known column sits in a catalog's header. The header decides the layout, so AWS, GCP and Azure files
 * (whose column orders differ) and files with extra or missing optional columns all read the same way.
 */
final class CatalogColumns {
    static final String INSTANCE_TYPE = "InstanceType";
    static final String REGION = "Region";
    static final String PRICE = "Price";

    /** Every column SkyPilot's vms.csv files use. Columns not listed here are ignored. */
    static final List<String> KNOWN = List.of(INSTANCE_TYPE, "AcceleratorName", "AcceleratorCount", "vCPUs",
            "MemoryGiB", "GpuInfo", PRICE, "SpotPrice", REGION, "AvailabilityZone", "Arch", "Generation");
    static final List<String> REQUIRED = List.of(INSTANCE_TYPE, REGION, PRICE);

    final int count;
    final int instanceType;
    final int acceleratorName;
    final int acceleratorCount;
    final int vcpus;
    final int memoryGb;
    final int gpuInfo;
    final int price;
    final int spotPrice;
    final int region;
    final int zone;

    private CatalogColumns(int count, Map<String, Integer> index) {
        this.count = count;
        instanceType = index.getOrDefault(INSTANCE_TYPE, -1);
        acceleratorName = index.getOrDefault("AcceleratorName", -1);
        acceleratorCount = index.getOrDefault("AcceleratorCount", -1);
        vcpus = index.getOrDefault("vCPUs", -1);
        memoryGb = index.getOrDefault("MemoryGiB", -1);
        gpuInfo = index.getOrDefault("GpuInfo", -1);
        price = index.getOrDefault(PRICE, -1);
        spotPrice = index.getOrDefault("SpotPrice", -1);
        region = index.getOrDefault(REGION, -1);
        zone = index.getOrDefault("AvailabilityZone", -1);
    }

    /**
     * Reads the header record the scanner is on. A header name that is not a known column but is one or two edits
     * from a known column the header lacks is taken as a typo and reported, as is a missing required column.
     */
    static CatalogColumns read(CsvScanner header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fieldCount(); i++) {
            String name = header.text(i).trim();
            if (index.putIfAbsent(name, i) != null && KNOWN.contains(name)) {
                throw new CatalogFormatException(header.line(i), header.column(i),
                        "the header names column '" + name + "' twice");
            }
        }
        for (int i = 0; i < header.fieldCount(); i++) {
            String name = header.text(i).trim();
            if (KNOWN.contains(name)) {
                continue;
            }
            for (String known : KNOWN) {
                if (!index.containsKey(known) && distance(name.toLowerCase(Locale.ROOT),
                        known.toLowerCase(Locale.ROOT)) <= 2) {
                    throw new CatalogFormatException(header.line(i), header.column(i),
                            "unknown column '" + name + "'; did you mean '" + known + "'?");
                }
            }
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                throw new CatalogFormatException(header.recordLine(), 1, "the header has no '" + required
                        + "' column; a catalog needs " + String.join(", ", REQUIRED) + " (found: "
                        + String.join(", ", names(header)) + ")");
            }
        }
        return new CatalogColumns(header.fieldCount(), index);
    }

    private static List<String> names(CsvScanner header) {
        String[] names = new String[header.fieldCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = header.text(i).trim();
        }
        return List.of(names);
    }

    /** Edit distance with adjacent swaps counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
