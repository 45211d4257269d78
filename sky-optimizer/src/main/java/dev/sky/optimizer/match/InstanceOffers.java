package dev.sky.optimizer.match;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.index.CatalogIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offers made of whole catalog rows, whose price covers everything (AWS, Azure, local, and GCP requests without
 * attached accelerators): by instance type, by accelerator, or from the cloud's default families.
 */
final class InstanceOffers {

    private InstanceOffers() {}

    /** The rows that match the request's kind and size, as offers (prices may be NaN); or why none does. */
    static CloudMatch find(Resources r, CloudOffering cloud) {
        if (r.instanceType() != null) {
            return byInstanceType(r, cloud);
        }
        if (r.accelerator() != null) {
            return byAccelerator(r, cloud);
        }
        return byDefaults(r, cloud);
    }

    private static CloudMatch byInstanceType(Resources r, CloudOffering cloud) {
        String name = cloud.displayName();
        boolean capacity = cloud.descriptor().computedOfferings();
        List<CatalogRow> rows = cloud.index().instanceType(r.instanceType());
        if (rows.isEmpty()) {
            return CloudMatch.miss(name + ": instance type " + r.instanceType() + " is not offered");
        }
        AcceleratorDemand demand = r.accelerator();
        if (demand != null) {
            List<CatalogRow> withAcc = rows.stream().filter(row -> row.hasAccelerator()
                    && acceleratorFits(row, demand, capacity)).toList();
            if (withAcc.isEmpty()) {
                CatalogRow first = rows.get(0);
                String has = first.hasAccelerator()
                        ? Text.accelerator(first.acceleratorName(), first.acceleratorCount()) : "no accelerator";
                return CloudMatch.miss(name + ": " + r.instanceType() + " has " + has + ", not " + demand);
            }
            rows = withAcc;
        }
        SizeFilter size = new SizeFilter(r.cpus(), r.memory(), capacity);
        List<CatalogRow> sized = rows.stream().filter(size::admits).toList();
        if (sized.isEmpty()) {
            CatalogRow first = rows.get(0);
            return CloudMatch.miss(name + ": " + r.instanceType() + " has " + Text.num(first.vcpus()) + " vCPUs and "
                    + Text.num(first.memoryGb()) + " GB, not " + size);
        }
        return offers(sized, r, capacity);
    }

    private static CloudMatch byAccelerator(Resources r, CloudOffering cloud) {
        String name = cloud.displayName();
        CatalogIndex index = cloud.index();
        boolean capacity = cloud.descriptor().computedOfferings();
        AcceleratorDemand demand = r.accelerator();
        List<CatalogRow> named = AcceleratorRows.named(index, demand, false);
        if (named.isEmpty()) {
            return CloudMatch.miss(AcceleratorRows.noneOffered(name, demand, index, capacity),
                    AcceleratorRows.fuzzy(index, demand, r.useSpot()));
        }
        List<CatalogRow> counted = named.stream()
                .filter(row -> SizeFilter.countMatches(row.acceleratorCount(), demand.count(), capacity)).toList();
        if (counted.isEmpty()) {
            String subject = capacity ? "no node has " : "no instance type has ";
            String what = demand.byMemory() ? Text.num(demand.count()) + " x " + demand.toString()
                    .replaceFirst(":[^:]*$", "") : Text.num(demand.count()) + " " + demand.name();
            return CloudMatch.miss(name + ": " + subject + what + " (offered: " + AcceleratorRows.offered(named) + ")",
                    AcceleratorRows.fuzzy(index, demand, r.useSpot()));
        }
        SizeFilter size = new SizeFilter(r.cpus(), r.memory(), capacity);
        List<CatalogRow> sized = counted.stream().filter(size::admits).toList();
        if (sized.isEmpty()) {
            return CloudMatch.miss(name + ": no instance type with " + demand + " has " + size + " (offered: "
                    + sizesOf(counted) + ")");
        }
        return offers(sized, r, capacity);
    }

    private static CloudMatch byDefaults(Resources r, CloudOffering cloud) {
        String name = cloud.displayName();
        boolean capacity = cloud.descriptor().computedOfferings();
        DefaultInstancePolicy policy = cloud.descriptor().defaultInstancePolicy();
        List<CatalogRow> rows;
        SizeFilter size;
        if (policy == null) {
            rows = cloud.index().rows().stream().filter(row -> !row.attachable()).toList();
            size = new SizeFilter(r.cpus(), r.memory(), capacity);
        } else {
            rows = cloud.index().defaultFamilyRows(policy);
            Amount cpus = r.cpus() == null && r.memory() == null ? policy.defaultCpus() : r.cpus();
            Amount memory = r.memory() == null ? policy.defaultMemoryPerCpu() : r.memory();
            size = new SizeFilter(cpus, memory, capacity);
        }
        List<CatalogRow> sized = rows.stream().filter(size::admits).toList();
        if (sized.isEmpty()) {
            String among = policy == null ? "" : " in the default families (" + Text.list(policy.families(), 6) + ")";
            String subject = capacity ? ": no node" : ": no instance type";
            return CloudMatch.miss(name + subject + among + " has " + size + exactCpusHint(r.cpus(), capacity),
                    nearestSizes(rows, size, r.useSpot()));
        }
        return offers(sized, r, capacity);
    }

    /** {@code cpus: 1} is easily read as "at least 1"; say what it means and how to ask for at least. */
    private static String exactCpusHint(Amount cpus, boolean capacity) {
        if (capacity || cpus == null || cpus.kind() != Amount.Kind.EXACT) {
            return "";
        }
        String n = Text.num(cpus.value());
        String unit = cpus.value() == 1 ? " vCPU" : " vCPUs";
        return " (cpus: " + n + " asks for exactly " + n + unit + "; " + n + "+ for at least " + n + ")";
    }

    private static boolean acceleratorFits(CatalogRow row, AcceleratorDemand demand, boolean capacity) {
        boolean kind = demand.byMemory() ? SizeFilter.deviceMemoryMatches(row, demand)
                : demand.name().equalsIgnoreCase(row.acceleratorName());
        return kind && SizeFilter.countMatches(row.acceleratorCount(), demand.count(), capacity);
    }

    private static CloudMatch offers(List<CatalogRow> rows, Resources r, boolean capacity) {
        List<Offer> out = new ArrayList<>(rows.size());
        for (CatalogRow row : rows) {
            Offer offer = Offer.of(row, r.useSpot());
            // A capacity row (a machine) gives the task what it asked for, not everything it has.
            out.add(capacity && r.accelerator() != null ? offer.withAcceleratorCount(r.accelerator().count()) : offer);
        }
        return CloudMatch.hit(out);
    }

    /** {@code 96 vCPUs/1152 GB}: the distinct sizes of the rows. */
    private static String sizesOf(List<CatalogRow> rows) {
        TreeMap<Double, String> sizes = new TreeMap<>();
        for (CatalogRow row : rows) {
            sizes.putIfAbsent(row.vcpus() * 1e6 + row.memoryGb(),
                    Text.num(row.vcpus()) + " vCPUs/" + Text.num(row.memoryGb()) + " GB");
        }
        return Text.list(sizes.values(), 6);
    }

    /** The sizes closest to the request (by vCPUs, or memory when only memory was given), cheapest type of each. */
    private static List<Alternative> nearestSizes(List<CatalogRow> rows, SizeFilter size, boolean spot) {
        Amount target = size.cpus() != null ? size.cpus() : size.memory();
        if (target == null || target.kind() == Amount.Kind.PER_CPU || rows.isEmpty()) {
            return List.of();
        }
        boolean byCpus = size.cpus() != null;
        Map<Double, CatalogRow> cheapestPerSize = new TreeMap<>();
        for (CatalogRow row : rows) {
            double have = byCpus ? row.vcpus() : row.memoryGb();
            double price = row.price(spot);
            if (Double.isNaN(price)) {
                continue;
            }
            cheapestPerSize.merge(have, row, (a, b) -> a.price(spot) <= b.price(spot) ? a : b);
        }
        return cheapestPerSize.entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> Math.abs(e.getKey() - target.value())))
                .limit(2)
                .map(e -> new Alternative(e.getValue().instanceType() + " (" + Text.num(e.getValue().vcpus())
                        + " vCPUs, " + Text.num(e.getValue().memoryGb()) + " GB)", e.getValue().price(spot)))
                .toList();
    }
}
