package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.StatusJson;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.render.TextTable;
import dev.sky.core.ExitCode;
import dev.sky.core.json.Json;
import dev.sky.core.state.ClusterHistoryRecord;
import dev.sky.provision.cluster.ClusterContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sky cost-report}: what each launch cost, at the price recorded when it was launched. */
@Command(name = "cost-report", description = "Show the estimated cost of clusters, including terminated ones.")
public final class CostReport extends BaseCommand {
    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Launches of the last N days"
            + " (0: all).")
    int days;

    @Option(names = {"-a", "--all"}, description = "Accepted for SkyPilot compatibility (all rows are shown).")
    boolean all;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        Instant now = Instant.now();
        Instant since = days <= 0 ? Instant.EPOCH : now.minus(Duration.ofDays(days));
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            List<Map<String, Object>> rows = new ArrayList<>();
            double total = 0;
            for (ClusterHistoryRecord h : cc.state().history().list()) {
                if (h.launchedAt().isBefore(since)) {
                    continue;
                }
                Instant end = h.endedAt() == null ? now : h.endedAt();
                double hours = Duration.between(h.launchedAt(), end).toMillis() / 3_600_000.0;
                double cost = hours * h.hourlyCost();
                total += cost;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", h.clusterName());
                m.put("cloud", h.cloud());
                m.put("region", h.region());
                m.put("instance_type", h.instanceType());
                m.put("num_nodes", h.numNodes());
                m.put("hourly_cost", h.hourlyCost());
                m.put("launched_at", h.launchedAt().toString());
                m.put("ended_at", h.endedAt() == null ? null : h.endedAt().toString());
                m.put("duration_hours", hours);
                m.put("cost", cost);
                rows.add(m);
            }
            if (json.json) {
                out().println(Json.write(Map.of("clusters", rows, "total_cost", total)));
                return ExitCode.OK;
            }
            TextTable t = TextTable.bare("NAME", "LAUNCHED", "DURATION", "RESOURCES", "STATUS", "COST ($)");
            for (Map<String, Object> m : rows) {
                t.row(List.of((String) m.get("name"), StatusJson.when(Instant.parse((String) m.get("launched_at"))),
                        String.format("%.2f h", (Double) m.get("duration_hours")),
                        m.get("num_nodes") + "x " + m.get("instance_type") + " (" + m.get("cloud") + ")",
                        m.get("ended_at") == null ? "ALIVE" : "TERMINATED",
                        String.format("%.2f", (Double) m.get("cost"))));
            }
            out().print(t.isEmpty() ? "No launches in the period.\n" : t.render(style()));
            out().println(String.format("Total Cost: $%.2f", total));
            return ExitCode.OK;
        }
    }
}
