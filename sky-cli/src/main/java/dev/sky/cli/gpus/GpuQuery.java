package dev.sky.cli.gpus;

import dev.sky.optimizer.catalog.CatalogRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What show-gpus lists, computed from catalogs alone (no credentials, no network): accelerator names with their
 * quantities, and per accelerator the offers of each cloud, cheapest first.
 */
public final class GpuQuery {
    /** The GPUs SkyPilot calls common; the rest are "other". */
    public static final List<String> COMMON_GPUS = List.of(
            "A10", "A10G", "A100", "A100-80GB", "H100", "H200", "L4", "L40S", "P100", "T4", "V100", "V100-32GB");

    private final List<CloudCatalog> catalogs;

    public GpuQuery(List<CloudCatalog> catalogs) {
        this.catalogs = List.copyOf(catalogs);
    }

    /** Accelerator name to the sorted quantities offered by any of the clouds, names in case-insensitive order. */
    public Map<String, TreeSet<Double>> quantities(String region) {
        Map<String, TreeSet<Double>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CloudCatalog cc : catalogs) {
            for (CatalogRow r : cc.catalog().rows()) {
                if (r.hasAccelerator() && (region == null || region.equals(r.region()))) {
                    byName.computeIfAbsent(r.acceleratorName(), k -> new TreeSet<>()).add(r.acceleratorCount());
                }
            }
        }
        return byName;
    }

    public static boolean isTpu(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("tpu-");
    }

    public static boolean isCommon(String name) {
        return COMMON_GPUS.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    /**
     * Offers whose accelerator name contains {@code nameFilter} (case-insensitive), optionally of one quantity and in
     * one region. Without {@code allRegions}, one offer per (cloud, instance type, accelerator, count): its cheapest
     * region. Grouped by accelerator name; inside, clouds ordered by their cheapest offer, then by (price, spot).
     */
    public Map<String, List<GpuOffer>> offers(String nameFilter, Double quantity, String region, boolean allRegions) {
        String needle = nameFilter.toLowerCase(Locale.ROOT);
        Map<List<Object>, GpuOffer> best = new LinkedHashMap<>();
        for (CloudCatalog cc : catalogs) {
            for (CatalogRow r : cc.catalog().rows()) {
                if (!r.hasAccelerator() || !r.acceleratorName().toLowerCase(Locale.ROOT).contains(needle)
                        || (quantity != null && r.acceleratorCount() != quantity)
                        || (region != null && !region.equals(r.region()))
                        || (Double.isNaN(r.price()) && Double.isNaN(r.spotPrice()))) {
                    continue;
                }
                GpuOffer o = new GpuOffer(r.acceleratorName(), r.acceleratorCount(), cc.displayName(),
                        r.instanceType(), r.gpuMemoryGb(), r.vcpus(), r.memoryGb(), r.price(), r.spotPrice(),
                        r.region());
                // Zones of one region share a line; without allRegions, so do regions.
                List<Object> key = List.of(cc.cloud(), String.valueOf(r.instanceType()), r.acceleratorName(),
                        r.acceleratorCount(), allRegions ? r.region() : "");
                best.merge(key, o, GpuQuery::cheaper);
            }
        }
        Map<String, List<GpuOffer>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (GpuOffer o : best.values()) {
            byName.computeIfAbsent(o.accelerator(), k -> new ArrayList<>()).add(o);
        }
        byName.replaceAll((name, offers) -> sortByCloudThenPrice(offers));
        return byName;
    }

    private static GpuOffer cheaper(GpuOffer a, GpuOffer b) {
        return byPrice().compare(b, a) < 0 ? b : a;
    }

    private static Comparator<GpuOffer> byPrice() {
        return Comparator.comparingDouble((GpuOffer o) -> sortable(o.price()))
                .thenComparingDouble(o -> sortable(o.spotPrice()))
                .thenComparingDouble(GpuOffer::count)
                .thenComparing(o -> String.valueOf(o.instanceType()))
                .thenComparing(GpuOffer::region);
    }

    private static List<GpuOffer> sortByCloudThenPrice(List<GpuOffer> offers) {
        Map<String, Double> cloudMin = new HashMap<>();
        for (GpuOffer o : offers) {
            cloudMin.merge(o.cloud(), sortable(o.price()), Math::min);
        }
        List<GpuOffer> sorted = new ArrayList<>(offers);
        sorted.sort(Comparator.comparingDouble((GpuOffer o) -> cloudMin.get(o.cloud()))
                .thenComparing(GpuOffer::cloud)
                .thenComparing(byPrice()));
        return sorted;
    }

    /** NaN (not offered) sorts last. */
    private static double sortable(double price) {
        return Double.isNaN(price) ? Double.MAX_VALUE : price;
    }
}
