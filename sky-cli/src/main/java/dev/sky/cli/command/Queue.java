package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.render.TextTable;
import dev.sky.core.ExitCode;
import dev.sky.core.json.Json;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLifecycle;
import dev.sky.provision.cluster.LaunchProgress;
import dev.sky.provision.runtime.JobRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky queue}: the job table of clusters, read from their head nodes. */
@Command(name = "queue", description = "Show the job queue of clusters.")
public final class Queue extends BaseCommand {
    @Parameters(paramLabel = "CLUSTER", arity = "0..*", description = "Clusters (globs allowed; default: all UP).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-s", "--skip-finished"}, description = "Show only jobs that have not finished.")
    boolean skipFinished;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            List<ClusterRecord> clusters = names.isEmpty()
                    ? new ClusterLifecycle(cc, LaunchProgress.SILENT).match(List.of()).stream()
                            .filter(r -> r.status() == ClusterStatus.UP).toList()
                    : ClusterCommandSupport.select(new ClusterLifecycle(cc, LaunchProgress.SILENT), names, false);
            List<Object> all = new ArrayList<>();
            for (ClusterRecord r : clusters) {
                List<JobRecord> jobs;
                try (var session = ClusterCommandSupport.head(cc, r.name())) {
                    jobs = session.jobs().queue(skipFinished);
                }
                if (json.json) {
                    jobs.forEach(j -> all.add(jobJson(r.name(), j)));
                    continue;
                }
                out().println("Job queue of cluster " + r.name());
                TextTable t = TextTable.bare("ID", "NAME", "SUBMITTED", "STARTED", "ENDED", "RESOURCES", "STATUS",
                        "EXIT CODES");
                for (JobRecord j : jobs) {
                    t.row(List.of(Long.toString(j.id()), j.name() == null ? "-" : j.name(), time(j.submittedAt()),
                            time(j.startedAt()), time(j.endedAt()), j.resources() == null ? "-" : j.resources(),
                            j.status().name(), j.exitCodes().isEmpty() ? "-" : j.exitCodes().toString()));
                }
                out().print(t.isEmpty() ? "No jobs.\n" : t.render(style()));
            }
            if (json.json) {
                out().println(Json.write(Map.of("jobs", all)));
            }
            return ExitCode.OK;
        }
    }

    static Map<String, Object> jobJson(String cluster, JobRecord j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster);
        m.put("id", j.id());
        m.put("name", j.name());
        m.put("status", j.status().name());
        m.put("submitted_at", iso(j.submittedAt()));
        m.put("started_at", iso(j.startedAt()));
        m.put("ended_at", iso(j.endedAt()));
        m.put("resources", j.resources());
        m.put("num_nodes", j.numNodes());
        m.put("exit_codes", j.exitCodes());
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : dev.sky.cli.cluster.StatusJson.when(t);
    }
}
