package dev.sky.optimizer.match;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.index.CatalogIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Finding the rows of an accelerator demand, and describing what is offered when the demand does not match. */
final class AcceleratorRows {

    private AcceleratorRows() {}

    /** Rows whose accelerator is the one asked for (by name, ignoring case, or by device memory), any count. */
    static List<CatalogRow> named(CatalogIndex index, AcceleratorDemand demand, boolean attachable) {
        if (!demand.byMemory()) {
            return index.accelerator(demand.name(), attachable);
        }
        List<CatalogRow> out = new ArrayList<>();
        for (List<CatalogRow> rows : index.acceleratorsByName(attachable).values()) {
            for (CatalogRow row : rows) {
                if (SizeFilter.deviceMemoryMatches(row, demand)) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** {@code A100:1, A100:8}: the distinct name:count pairs of the rows, sorted by name then count. */
    static String offered(List<CatalogRow> rows) {
        Map<String, TreeMap<Double, String>> byName = new TreeMap<>();
        for (CatalogRow row : rows) {
            byName.computeIfAbsent(row.acceleratorName(), k -> new TreeMap<>())
                    .putIfAbsent(row.acceleratorCount(), Text.accelerator(row.acceleratorName(),
                            row.acceleratorCount()));
        }
        List<String> items = new ArrayList<>();
        byName.values().forEach(m -> items.addAll(m.values()));
        return Text.list(items, 8);
    }

    /**
     * SkyPilot's "did you mean": accelerators whose name contains the requested one (ignoring case) with at least
     * the requested count, cheapest first.
     */
    static List<Alternative> fuzzy(CatalogIndex index, AcceleratorDemand demand, boolean spot) {
        Map<String, Double> cheapest = new LinkedHashMap<>();
        for (boolean attachable : new boolean[] {false, true}) {
            for (Map.Entry<String, List<CatalogRow>> e : index.acceleratorsByName(attachable).entrySet()) {
                boolean nameFits = demand.byMemory()
                        || e.getKey().contains(demand.name().toLowerCase(Locale.ROOT));
                if (!nameFits) {
                    continue;
                }
                for (CatalogRow row : e.getValue()) {
                    if (row.acceleratorCount() + 1e-6 < demand.count()
                            || (demand.byMemory() && !SizeFilter.deviceMemoryMatches(row, demand))) {
                        continue;
                    }
                    double price = row.price(spot);
                    cheapest.merge(Text.accelerator(row.acceleratorName(), row.acceleratorCount()),
                            Double.isNaN(price) ? Double.POSITIVE_INFINITY : price, Math::min);
                }
            }
        }
        List<Alternative> out = new ArrayList<>();
        cheapest.forEach((text, price) -> out.add(new Alternative(text, price)));
        out.sort(Comparator.comparingDouble(Alternative::price).thenComparing(Alternative::text));
        return out;
    }

    /** Why a cloud has none of the named accelerator at all. */
    static String noneOffered(String cloud, AcceleratorDemand demand, CatalogIndex index, boolean computed) {
        boolean anyAccelerator = !index.acceleratorsByName(false).isEmpty()
                || !index.acceleratorsByName(true).isEmpty();
        if (computed && !anyAccelerator) {
            return cloud + (index.rows().size() <= 1 ? ": this machine has no GPU" : ": no node has a GPU");
        }
        if (demand.byMemory()) {
            return cloud + ": no accelerator has " + demand.toString().replaceFirst(":[^:]*$", "") + " of memory";
        }
        return cloud + ": does not offer " + demand.name();
    }
}
