package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLifecycle;
import dev.sky.provision.cluster.LaunchProgress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky autostop}: stop or tear down clusters after idle minutes; the watchdog runs on the head node. */
@Command(name = "autostop", description = "Schedule autostop (or autodown) after idle minutes.")
public final class Autostop extends BaseCommand {
    @Parameters(paramLabel = "CLUSTER", arity = "0..*", description = "Clusters (globs allowed).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Every cluster.")
    boolean all;

    @Option(names = {"-i", "--idle-minutes"}, paramLabel = "MIN", description = "Idle minutes (default 5).")
    Integer idleMinutes;

    @Option(names = "--cancel", description = "Cancel autostop.")
    boolean cancel;

    @Option(names = "--down", description = "Tear down instead of stop.")
    boolean down;

    @Option(names = "--wait-for", paramLabel = "WHAT", defaultValue = "jobs_and_ssh",
            description = "What counts as activity: jobs_and_ssh, jobs or none.")
    String waitFor;

    @Option(names = {"-y", "--yes"}, description = "Accepted for SkyPilot compatibility.")
    boolean yes;

    @Override
    protected int run() {
        if (cancel && idleMinutes != null) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Give -i or --cancel, not both.");
        }
        if (!List.of("jobs_and_ssh", "jobs", "none").contains(waitFor)) {
            throw new SkyException(ExitCode.INVALID_INPUT, "--wait-for must be jobs_and_ssh, jobs or none.");
        }
        dev.sky.core.task.Autostop a = cancel ? dev.sky.core.task.Autostop.DISABLED
                : new dev.sky.core.task.Autostop(idleMinutes == null ? 5 : idleMinutes, down, waitFor);
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ClusterLifecycle lc = new ClusterLifecycle(cc, LaunchProgress.SILENT);
            for (ClusterRecord r : ClusterCommandSupport.select(lc, names, all)) {
                lc.autostop(r.name(), a, ClusterCommandSupport.launcher());
                out().println(cancel ? "Autostop cancelled on '" + r.name() + "'."
                        : "The cluster '" + r.name() + "' will be auto" + (down ? "downed" : "stopped") + " after "
                                + a.idleMinutes() + " minute(s) of idleness. To cancel: sky autostop " + r.name()
                                + " --cancel");
            }
            return ExitCode.OK;
        }
    }
}
