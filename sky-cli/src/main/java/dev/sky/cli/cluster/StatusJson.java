package dev.sky.cli.cluster;

import dev.sky.core.json.Json;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.ClusterHandle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes {@code sky status} prints: one row or JSON object per cluster (docs/cli.md). */
public final class StatusJson {
    private static final DateTimeFormatter AGO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private StatusJson() {}

    public static Map<String, Object> cluster(ClusterRecord r) {
        ClusterHandle h = r.handleJson() == null ? null : ClusterHandle.fromJson(r.handleJson());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("status", r.status().name());
        m.put("infra", infra(r, h));
        m.put("cloud", r.cloud());
        m.put("region", r.region());
        m.put("zone", r.zone());
        m.put("num_nodes", r.numNodes());
        m.put("resources", h == null ? null : h.resourcesSummary());
        m.put("autostop", r.autostopJson() == null ? null : Json.parseObject(r.autostopJson()));
        m.put("launched_at", r.launchedAt().toString());
        m.put("head_ip", h == null || h.nodes().isEmpty() ? null : h.head().address());
        m.put("hourly_cost", h == null ? null : h.hourlyCostPerNode() * Math.max(1, h.nodes().size()));
        return m;
    }

    public static String infra(ClusterRecord r, ClusterHandle h) {
        String display = h != null && h.cloudDisplay() != null ? h.cloudDisplay() : r.cloud();
        String loc = r.zone() != null ? r.zone() : r.region();
        if ("ssh".equals(r.cloud()) && loc != null && loc.startsWith("ssh-")) {
            loc = loc.substring(4); // a pool is planned as region ssh-<pool> and shown as SSH (pool)
        }
        return display + (loc == null ? "" : " (" + loc + ")");
    }

    public static String when(Instant t) {
        return AGO.format(t);
    }

    public static String all(List<ClusterRecord> rows) {
        return Json.write(Map.of("clusters", rows.stream().map(StatusJson::cluster).toList()));
    }

    /**
     * With --refresh: {@code clusters}, then {@code refresh} (one object per cluster the refresh changed or has a
     * note about: name, verdict, note) and {@code orphans} (how many tagged resources gc last found with no record).
     */
    public static String all(List<ClusterRecord> rows, List<Reconciled> notes, int orphans) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusters", rows.stream().map(StatusJson::cluster).toList());
        if (!notes.isEmpty()) {
            m.put("refresh", notes.stream().map(o -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("name", o.name());
                n.put("verdict", o.verdict().name());
                n.put("note", o.note());
                return n;
            }).toList());
        }
        if (orphans > 0) {
            m.put("orphans", orphans);
        }
        return Json.write(m);
    }
}
