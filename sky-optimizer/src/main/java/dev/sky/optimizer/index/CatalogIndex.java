package dev.sky.optimizer.index;

import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cloud's catalog, indexed so that planning a request looks at the few rows that can match rather than
 * scanning the whole catalog per request option. Each part is built on first use, in one pass over the rows: a
 * command that plans a CPU task never pays for the accelerator or host indexes.
 */
public final class CatalogIndex {

    private final Catalog catalog;
    private final Lazy<Map<String, List<CatalogRow>>> byInstanceType;
    private final Lazy<AcceleratorRows> accelerators;
    private final Lazy<Map<String, List<CatalogRow>>> cpuRowsByFamily;
    /** Per family (built on first use): its rows keyed by {@code region/zone}, to join hosts to accelerators. */
    private final Map<String, Map<String, List<CatalogRow>>> familyRowsByLocation = new ConcurrentHashMap<>();
    private final Map<List<String>, List<CatalogRow>> defaultFamilyRows = new ConcurrentHashMap<>();

    /** Rows with an accelerator keyed by lower-cased name: instance rows, and attachable rows apart. */
    private record AcceleratorRows(Map<String, List<CatalogRow>> instance, Map<String, List<CatalogRow>> attachable) {}

    private CatalogIndex(Catalog catalog) {
        this.catalog = catalog;
        this.byInstanceType = new Lazy<>(this::indexInstanceTypes);
        this.accelerators = new Lazy<>(this::indexAccelerators);
        this.cpuRowsByFamily = new Lazy<>(this::indexFamilies);
    }

    /** Wraps a catalog; the indexes are built when first asked for. */
    public static CatalogIndex of(Catalog catalog) {
        return new CatalogIndex(catalog);
    }

    public Catalog catalog() {
        return catalog;
    }

    public List<CatalogRow> rows() {
        return catalog.rows();
    }

    /** Rows of one instance type (exact name), any region. */
    public List<CatalogRow> instanceType(String instanceType) {
        return byInstanceType.get().getOrDefault(instanceType, List.of());
    }

    /**
     * Rows whose accelerator name equals {@code name} ignoring case.
     *
     * @param attachable {@code true}: the attachable rows (empty instance type); {@code false}: instance rows
     */
    public List<CatalogRow> accelerator(String name, boolean attachable) {
        return acceleratorsByName(attachable).getOrDefault(key(name), List.of());
    }

    /** Every accelerator name (lower case) with its rows, for memory-based and "did you mean" searches. */
    public Map<String, List<CatalogRow>> acceleratorsByName(boolean attachable) {
        AcceleratorRows a = accelerators.get();
        return attachable ? a.attachable() : a.instance();
    }

    /** Rows without accelerators whose family the policy admits; computed once per policy. */
    public List<CatalogRow> defaultFamilyRows(DefaultInstancePolicy policy) {
        return defaultFamilyRows.computeIfAbsent(policy.families(), f -> {
            List<CatalogRow> out = new ArrayList<>();
            for (List<CatalogRow> rows : cpuRowsByFamily.get().values()) {
                // All rows of a family share the verdict: an Azure name is its own family (see familyOf).
                if (policy.admitsFamily(rows.get(0).instanceType())) {
                    out.addAll(rows);
                }
            }
            return List.copyOf(out);
        });
    }

    /** Host rows (no accelerator) of one type in one region and zone. */
    public List<CatalogRow> hostRows(String region, String zone, String instanceType) {
        List<CatalogRow> out = new ArrayList<>(1);
        for (CatalogRow row : hostFamilyRows(region, zone, DefaultInstancePolicy.familyOf(instanceType))) {
            if (row.instanceType().equals(instanceType)) {
                out.add(row);
            }
        }
        return out;
    }

    /** Host rows (no accelerator) of one instance family in one region and zone. */
    public List<CatalogRow> hostFamilyRows(String region, String zone, String family) {
        Map<String, List<CatalogRow>> byLocation = familyRowsByLocation.computeIfAbsent(family, f -> {
            Map<String, List<CatalogRow>> m = new HashMap<>();
            for (CatalogRow row : cpuRowsByFamily.get().getOrDefault(f, List.of())) {
                m.computeIfAbsent(locationKey(row.region(), row.zone()), k -> new ArrayList<>()).add(row);
            }
            return freeze(m);
        });
        return byLocation.getOrDefault(locationKey(region, zone), List.of());
    }

    private Map<String, List<CatalogRow>> indexInstanceTypes() {
        Map<String, List<CatalogRow>> out = new HashMap<>();
        for (CatalogRow row : catalog.rows()) {
            if (!row.attachable()) {
                out.computeIfAbsent(row.instanceType(), k -> new ArrayList<>()).add(row);
            }
        }
        return freeze(out);
    }

    private AcceleratorRows indexAccelerators() {
        Map<String, List<CatalogRow>> instance = new LinkedHashMap<>();
        Map<String, List<CatalogRow>> attachable = new LinkedHashMap<>();
        for (CatalogRow row : catalog.rows()) {
            if (row.hasAccelerator()) {
                (row.attachable() ? attachable : instance)
                        .computeIfAbsent(key(row.acceleratorName()), k -> new ArrayList<>()).add(row);
            }
        }
        return new AcceleratorRows(freeze(instance), freeze(attachable));
    }

    private Map<String, List<CatalogRow>> indexFamilies() {
        Map<String, List<CatalogRow>> out = new LinkedHashMap<>();
        for (CatalogRow row : catalog.rows()) {
            if (!row.attachable() && !row.hasAccelerator()) {
                out.computeIfAbsent(DefaultInstancePolicy.familyOf(row.instanceType()), k -> new ArrayList<>())
                        .add(row);
            }
        }
        return freeze(out);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String locationKey(String region, String zone) {
        return region + "/" + (zone == null ? "" : zone);
    }

    private static <K> Map<K, List<CatalogRow>> freeze(Map<K, List<CatalogRow>> m) {
        Map<K, List<CatalogRow>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
