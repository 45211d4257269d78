package dev.sky.cli.gpus;

import dev.sky.cli.render.Numbers;
import dev.sky.cli.render.Style;
import dev.sky.cli.render.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** show-gpus output as text tables and as JSON-ready maps. */
public final class GpuTables {
    private final Style style;

    public GpuTables(Style style) {
        this.style = style;
    }

    /** COMMON_GPU, GOOGLE_TPU and (with {@code all}) OTHER_GPU tables of names and quantities. */
    public String quantities(Map<String, TreeSet<Double>> byName, boolean all) {
        TextTable common = TextTable.bare("COMMON_GPU", "AVAILABLE_QUANTITIES");
        TextTable tpu = TextTable.bare("GOOGLE_TPU", "AVAILABLE_QUANTITIES");
        TextTable other = TextTable.bare("OTHER_GPU", "AVAILABLE_QUANTITIES");
        byName.forEach((name, counts) -> {
            List<String> row = List.of(name, counts.stream().map(Numbers::count).collect(Collectors.joining(", ")));
            if (GpuQuery.isTpu(name)) {
                tpu.row(row);
            } else if (GpuQuery.isCommon(name)) {
                common.row(row);
            } else {
                other.row(row);
            }
        });
        List<String> parts = new ArrayList<>();
        for (TextTable t : all ? List.of(common, tpu, other) : List.of(common, tpu)) {
            if (!t.isEmpty()) {
                parts.add(t.render(style));
            }
        }
        String body = parts.isEmpty() ? "No accelerators found.\n" : String.join("\n", parts);
        return all ? body : body + "\nHint: use -a/--all to see all accelerators (including non-common ones); "
                + "'sky show-gpus NAME' shows prices.\n";
    }

    /** One table per accelerator name, with a note when some prices exclude the host VM. */
    public String offers(Map<String, List<GpuOffer>> byName) {
        List<String> tables = new ArrayList<>();
        boolean attachable = false;
        for (List<GpuOffer> offers : byName.values()) {
            TextTable t = TextTable.bare("GPU", "QTY", "CLOUD", "INSTANCE_TYPE", "DEVICE_MEM", "vCPUs", "HOST_MEM",
                    "HOURLY_PRICE", "HOURLY_SPOT_PRICE", "REGION");
            for (GpuOffer o : offers) {
                attachable |= o.attachable();
                t.row(List.of(o.accelerator(), Numbers.count(o.count()), o.cloud(),
                        o.attachable() ? "(attachable)" : o.instanceType(), gb(o.deviceMemoryGb()),
                        Numbers.compact(o.vcpus()), gb(o.hostMemoryGb()), Numbers.price3(o.price()),
                        Numbers.price3(o.spotPrice()), o.region()));
            }
            tables.add(t.render(style));
        }
        String note = attachable
                ? "Note: (attachable) accelerators are attached to a host VM; their price excludes the host's.\n" : "";
        return note + String.join("\n", tables);
    }

    public static Map<String, Object> offersJson(Map<String, List<GpuOffer>> byName) {
        List<Object> rows = new ArrayList<>();
        for (List<GpuOffer> offers : byName.values()) {
            for (GpuOffer o : offers) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("accelerator", o.accelerator());
                m.put("count", o.count());
                m.put("cloud", o.cloud());
                m.put("instance_type", o.attachable() ? null : o.instanceType());
                m.put("attachable", o.attachable());
                m.put("device_memory_gb", o.deviceMemoryGb());
                m.put("vcpus", o.vcpus());
                m.put("host_memory_gb", o.hostMemoryGb());
                m.put("hourly_price", o.price());
                m.put("hourly_spot_price", o.spotPrice());
                m.put("region", o.region());
                rows.add(m);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("offers", rows);
        return root;
    }

    public static Map<String, Object> quantitiesJson(Map<String, TreeSet<Double>> byName) {
        List<Object> rows = new ArrayList<>();
        byName.forEach((name, counts) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accelerator", name);
            m.put("kind", GpuQuery.isTpu(name) ? "tpu" : GpuQuery.isCommon(name) ? "common" : "other");
            m.put("quantities", new ArrayList<>(counts));
            rows.add(m);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("accelerators", rows);
        return root;
    }

    private static String gb(double v) {
        return Double.isNaN(v) ? "-" : Numbers.compact(v) + "GB";
    }
}
