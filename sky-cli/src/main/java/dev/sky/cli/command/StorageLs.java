package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.core.ExitCode;
import dev.sky.core.json.Json;
import dev.sky.core.state.StateStore;
import dev.sky.core.state.StorageTable.StorageRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sky storage ls [--json]}: the buckets in the state DB; contacts no store. */
@Command(name = "ls", description = "List the buckets sky knows (created or used by a launch).")
public final class StorageLs extends BaseCommand {
    @Option(names = "--json", description = "Print a JSON array on stdout (shape: docs/cli.md).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also show the endpoint and the source path(s).")
    boolean verbose;

    @Override
    protected int run() {
        List<StorageRecord> rows;
        try (StateStore state = StateStore.at(context().paths())) {
            rows = state.storage().list();
        }
        if (json) {
            List<Object> out = new ArrayList<>();
            for (StorageRecord r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("store", r.store());
                m.put("source", r.source());
                m.put("region", r.region());
                m.put("endpoint", r.endpoint());
                m.put("created_by_sky", r.createdBySky());
                m.put("persistent", r.persistent());
                m.put("status", r.status().name());
                m.put("clusters", r.clusters());
                m.put("created_at", r.createdAt().getEpochSecond());
                m.put("updated_at", r.updatedAt().getEpochSecond());
                out.add(m);
            }
            out().println(Json.write(out));
            return ExitCode.OK;
        }
        if (rows.isEmpty()) {
            out().println("No existing storage.");
            return ExitCode.OK;
        }
        String fmt = "%-30s %-6s %-8s %-10s %-13s %s%n";
        out().printf(fmt, "NAME", "STORE", "BY SKY", "PERSISTENT", "STATUS", verbose ? "CLUSTERS  SOURCE" : "CLUSTERS");
        for (StorageRecord r : rows) {
            String users = r.clusters().isEmpty() ? "-" : String.join(",", r.clusters());
            out().printf(fmt, r.name(), r.store(), r.createdBySky() ? "yes" : "no", r.persistent() ? "yes" : "no",
                    r.status().name(), verbose ? users + "  " + (r.source() == null ? "-" : r.source()) : users);
        }
        return ExitCode.OK;
    }
}
