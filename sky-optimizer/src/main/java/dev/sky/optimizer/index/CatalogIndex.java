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
 * One cloud's catalog, indexed once so that planning a request looks at the few rows that can match rather than
 * scanning the whole catalog per request candidate.
 */
public final class CatalogIndex {

    private final Catalog catalog;
    private final Map<String, List<CatalogRow>> byInstanceType;
    /** Rows with an accelerator, keyed by the lower-cased accelerator name; attachable rows kept apart. */
    private final Map<String, List<CatalogRow>> instanceRowsByAccelerator;
    private final Map<String, List<CatalogRow>> attachableRowsByAccelerator;
    /** Rows without an accelerator (plain VMs, GCP hosts), keyed by instance family. */
    private final Map<String, List<CatalogRow>> cpuRowsByFamily;
    /** Host rows keyed by {@code region/zone}, then instance type, for joining attached accelerators. */
    private final Map<String, Map<String, List<CatalogRow>>> hostRowsByLocation;
    private final Map<List<String>, List<CatalogRow>> defaultFamilyRows = new ConcurrentHashMap<>();

    private CatalogIndex(Catalog catalog) {
        this.catalog = catalog;
        Map<String, List<CatalogRow>> types = new HashMap<>();
        Map<String, List<CatalogRow>> instanceAcc = new LinkedHashMap<>();
        Map<String, List<CatalogRow>> attachAcc = new LinkedHashMap<>();
        Map<String, List<CatalogRow>> families = new LinkedHashMap<>();
        Map<String, Map<String, List<CatalogRow>>> hosts = new HashMap<>();
        for (CatalogRow row : catalog.rows()) {
            if (row.attachable()) {
                if (row.hasAccelerator()) {
                    attachAcc.computeIfAbsent(key(row.acceleratorName()), k -> new ArrayList<>()).add(row);
                }
                continue;
            }
            types.computeIfAbsent(row.instanceType(), k -> new ArrayList<>()).add(row);
            if (row.hasAccelerator()) {
                instanceAcc.computeIfAbsent(key(row.acceleratorName()), k -> new ArrayList<>()).add(row);
            } else {
                families.computeIfAbsent(DefaultInstancePolicy.familyOf(row.instanceType()), k -> new ArrayList<>())
                        .add(row);
                hosts.computeIfAbsent(locationKey(row.region(), row.zone()), k -> new HashMap<>())
                        .computeIfAbsent(row.instanceType(), k -> new ArrayList<>()).add(row);
            }
        }
        this.byInstanceType = freeze(types);
        this.instanceRowsByAccelerator = freeze(instanceAcc);
        this.attachableRowsByAccelerator = freeze(attachAcc);
        this.cpuRowsByFamily = freeze(families);
        Map<String, Map<String, List<CatalogRow>>> frozenHosts = new HashMap<>();
        hosts.forEach((loc, m) -> frozenHosts.put(loc, freeze(m)));
        this.hostRowsByLocation = Collections.unmodifiableMap(frozenHosts);
    }

    /** Indexes a catalog: one pass over its rows. */
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
        return byInstanceType.getOrDefault(instanceType, List.of());
    }

    /**
     * Rows whose accelerator name equals {@code name} ignoring case.
     *
     * @param attachable {@code true}: the attachable rows (empty instance type); {@code false}: instance rows
     */
    public List<CatalogRow> accelerator(String name, boolean attachable) {
        return (attachable ? attachableRowsByAccelerator : instanceRowsByAccelerator)
                .getOrDefault(key(name), List.of());
    }

    /** Every accelerator name (lower case) with its rows, for memory-based and "did you mean" searches. */
    public Map<String, List<CatalogRow>> acceleratorsByName(boolean attachable) {
        return attachable ? attachableRowsByAccelerator : instanceRowsByAccelerator;
    }

    /** Rows without accelerators whose family the policy admits; computed once per policy. */
    public List<CatalogRow> defaultFamilyRows(DefaultInstancePolicy policy) {
        return defaultFamilyRows.computeIfAbsent(policy.families(), f -> {
            List<CatalogRow> out = new ArrayList<>();
            for (List<CatalogRow> rows : cpuRowsByFamily.values()) {
                // All rows of a family share the verdict: an Azure name is its own family (see familyOf).
                if (policy.admitsFamily(rows.get(0).instanceType())) {
                    out.addAll(rows);
                }
            }
            return List.copyOf(out);
        });
    }

    /** Rows without accelerators whose instance family is one of {@code families} (e.g. GCP's n1 hosts). */
    public List<CatalogRow> families(List<String> families) {
        List<CatalogRow> out = new ArrayList<>();
        for (String f : families) {
            out.addAll(cpuRowsByFamily.getOrDefault(f, List.of()));
        }
        return out;
    }

    /** Host rows (no accelerator) of one type in one region and zone. */
    public List<CatalogRow> hostRows(String region, String zone, String instanceType) {
        Map<String, List<CatalogRow>> types = hostRowsByLocation.get(locationKey(region, zone));
        return types == null ? List.of() : types.getOrDefault(instanceType, List.of());
    }

    /** Every host row (no accelerator) in one region and zone, by instance type. */
    public Map<String, List<CatalogRow>> hostRows(String region, String zone) {
        return hostRowsByLocation.getOrDefault(locationKey(region, zone), Map.of());
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
