package dev.sky.cli.cluster;

import dev.sky.cli.render.Style;
import dev.sky.cli.render.TextTable;
import dev.sky.core.json.Json;
import dev.sky.provision.cluster.gc.GarbageCollector;
import dev.sky.provision.spi.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code sky gc} prints: a table of orphans and what was done, or the JSON shape in docs/cli.md. */
public final class GcText {
    private GcText() {}

    public static List<String> lines(GarbageCollector.Scan scan, Style style, boolean deleting, int deleted) {
        List<String> out = new ArrayList<>();
        scan.skipped().forEach((cloud, why) -> {
            if (!why.equals(GarbageCollector.CANNOT_LIST)) {
                out.add("Could not list " + cloud + ": " + why);
            }
        });
        if (scan.orphans().isEmpty()) {
            out.add("No orphans on " + (scan.scanned().isEmpty() ? "any cloud that can list by tag"
                    : String.join(", ", scan.scanned())) + ": every resource with sky's tags belongs to a cluster.");
            return out;
        }
        TextTable t = TextTable.bare("CLOUD", "REGION", "KIND", "ID", "CLUSTER TAG", "STATE");
        for (TaggedResource r : scan.orphans()) {
            t.row(List.of(r.cloud(), dash(r.region()), r.kind(), r.id(), dash(r.clusterName()), dash(r.state())));
        }
        out.add(scan.orphans().size() + " orphan(s): resources with sky's tags and no cluster record");
        out.add(t.render(style).stripTrailing());
        out.add(deleting ? "Deleted " + deleted + " resource(s)." : "Delete them with: sky gc --yes"
                + (scan.scanned().size() == 1 ? " --infra " + scan.scanned().get(0) : ""));
        return out;
    }

    /** {@code {"orphans": [{cloud, region, kind, id, cluster, state}], "deleted": n, "skipped": {cloud: why}}}. */
    public static String json(GarbageCollector.Scan scan, boolean deleting, int deleted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orphans", scan.orphans().stream().map(r -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("cloud", r.cloud());
            o.put("region", r.region());
            o.put("kind", r.kind());
            o.put("id", r.id());
            o.put("cluster", r.clusterName());
            o.put("state", r.state());
            return o;
        }).toList());
        m.put("scanned", scan.scanned());
        m.put("deleted", deleting ? deleted : 0);
        return Json.write(m);
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
