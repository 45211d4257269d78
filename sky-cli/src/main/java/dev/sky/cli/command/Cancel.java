package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.runtime.JobRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky cancel CLUSTER [JOB_IDS] [-a]}: cancel jobs; none of their processes survives on any node. */
@Command(name = "cancel", description = "Cancel jobs on a cluster (the latest unfinished job by default).")
public final class Cancel extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster.")
    String cluster;

    @Parameters(index = "1..*", paramLabel = "JOB_ID", arity = "0..*", description = "Jobs to cancel.")
    List<Long> jobIds = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Cancel every unfinished job.")
    boolean all;

    @Option(names = {"-y", "--yes"}, description = "Accepted for SkyPilot compatibility; cancel never prompts.")
    boolean yes;

    @Override
    protected int run() {
        if (all && !jobIds.isEmpty()) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Give job ids or -a/--all, not both.");
        }
        try (ClusterContext cc = ClusterCommandSupport.context(context());
             var session = ClusterCommandSupport.head(cc, cluster)) {
            if (all) {
                out().print(session.jobs().cancelAll());
                out().println("Cancelled all unfinished jobs on '" + cluster + "'.");
                return ExitCode.OK;
            }
            List<Long> ids = jobIds;
            if (ids.isEmpty()) {
                ids = session.jobs().queue(true).stream().mapToLong(JobRecord::id).boxed()
                        .sorted((a, b) -> Long.compare(b, a)).limit(1).toList();
                if (ids.isEmpty()) {
                    out().println("No unfinished job on '" + cluster + "'; nothing to cancel.");
                    return ExitCode.OK;
                }
            }
            out().print(session.jobs().cancel(ids));
            out().println("Cancelled job(s) " + ids + " on '" + cluster + "'.");
            return ExitCode.OK;
        }
    }
}
