package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.RefreshText;
import dev.sky.cli.cluster.StatusJson;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.render.TextTable;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterHandle;
import dev.sky.provision.cluster.ClusterLifecycle;
import dev.sky.provision.cluster.LaunchProgress;
import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.reconcile.Verdict;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky status}: the clusters sky knows, from the state DB; --refresh asks the clouds first. */
@Command(name = "status", description = "Show clusters and their status.")
public final class Status extends BaseCommand {
    @Parameters(paramLabel = "CLUSTER", arity = "0..*", description = "Clusters to show (globs allowed).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Show every cluster (the default).")
    boolean all;

    @Option(names = {"-r", "--refresh"}, description = "Reconcile with what the clouds report first.")
    boolean refresh;

    @Option(names = "--ip", description = "Print only the head node's address (needs exactly one cluster).")
    boolean ip;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        if (ip && refresh) {
            throw new SkyException(ExitCode.INVALID_INPUT, "--ip cannot be combined with --refresh.");
        }
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ClusterLifecycle lc = new ClusterLifecycle(cc, LaunchProgress.SILENT);
            List<ClusterRecord> rows = lc.match(names);
            List<Reconciled> notes = List.of();
            if (refresh) {
                List<Reconciled> outcomes = lc.refreshAll(rows);
                rows = outcomes.stream().flatMap(o -> o.after().stream()).toList();
                notes = outcomes.stream().filter(o -> o.note() != null || o.verdict() != Verdict.UNCHANGED).toList();
            }
            int orphans = cc.state().reconcile().orphans().size();
            if (ip) {
                if (rows.size() != 1) {
                    throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "--ip needs exactly one cluster; "
                            + rows.size() + " match.");
                }
                ClusterRecord r = rows.get(0);
                if (r.handleJson() == null) {
                    throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + r.name()
                            + "' has no nodes yet.");
                }
                out().println(ClusterHandle.fromJson(r.handleJson()).head().address());
                return ExitCode.OK;
            }
            if (json.json) {
                out().println(StatusJson.all(rows, notes, orphans));
                return ExitCode.OK;
            }
            RefreshText.notes(notes).forEach(err()::println);
            if (rows.isEmpty()) {
                out().println(names.isEmpty() ? "No existing clusters." : "No cluster matches " + names + ".");
                RefreshText.orphans(orphans).ifPresent(out()::println);
                return ExitCode.OK;
            }
            TextTable t = TextTable.bare("NAME", "INFRA", "RESOURCES", "STATUS", "AUTOSTOP", "LAUNCHED");
            int autostops = 0;
            for (ClusterRecord r : rows) {
                ClusterHandle h = r.handleJson() == null ? null : ClusterHandle.fromJson(r.handleJson());
                String auto = "-";
                if (r.autostopJson() != null) {
                    var a = dev.sky.core.json.Json.parseObject(r.autostopJson());
                    auto = a.get("idle_minutes") + "m" + (Boolean.TRUE.equals(a.get("down")) ? " (down)" : "");
                    autostops++;
                }
                t.row(List.of(r.name(), StatusJson.infra(r, h), h == null ? "-" : h.resourcesSummary(),
                        r.status().name(), auto, StatusJson.when(r.launchedAt())));
            }
            out().println("Clusters");
            out().print(t.render(style()));
            if (autostops > 0 && !refresh) {
                out().println("* " + autostops + " cluster(s) have autostop or autodown set. Refresh statuses with:"
                        + " sky status --refresh");
            }
            RefreshText.orphans(orphans).ifPresent(out()::println);
            return ExitCode.OK;
        }
    }
}
