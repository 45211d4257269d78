package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.Confirm;
import dev.sky.cli.cluster.ConsoleProgress;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLifecycle;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What stop, start and down share: names or globs or -a, a confirmation, one line per cluster, a summary. */
abstract class LifecycleCommand extends BaseCommand {
    @Parameters(paramLabel = "CLUSTER", arity = "0..*", description = "Clusters (globs allowed).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Every cluster.")
    boolean all;

    @Option(names = {"-y", "--yes"}, description = "Skip the confirmation prompt.")
    boolean yes;

    /** {@code Stopping}, {@code Starting}, {@code Tearing down}. */
    abstract String verbing();

    abstract void act(ClusterLifecycle lc, ClusterRecord r);

    /** Clusters the command skips (e.g. stop skips STOPPED ones with -a). */
    boolean skip(ClusterRecord r) {
        return false;
    }

    /**
     * Called when explicit names match no record; returns true when the command reported them as done already
     * (down of a cluster whose end is in the history), so the command exits 0 instead of 4.
     */
    boolean reportedAlreadyDone(ClusterContext cc, List<String> names) {
        return false;
    }

    @Override
    protected int run() {
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ConsoleProgress progress = new ConsoleProgress(err(), context().interactive());
            ClusterLifecycle lc = new ClusterLifecycle(cc, progress);
            if (!all && !names.isEmpty() && lc.match(names).isEmpty() && reportedAlreadyDone(cc, names)) {
                return ExitCode.OK;
            }
            List<ClusterRecord> targets = ClusterCommandSupport.select(lc, names, all).stream()
                    .filter(r -> !skip(r)).toList();
            if (targets.isEmpty()) {
                out().println("No clusters to act on.");
                return ExitCode.OK;
            }
            List<String> targetNames = targets.stream().map(ClusterRecord::name).toList();
            Confirm.ask(context(), err(), yes, verbing() + " " + targets.size() + " cluster(s): "
                    + String.join(", ", targetNames) + ".", spec.qualifiedName());
            List<String> failed = new ArrayList<>();
            int code = ExitCode.OK;
            for (ClusterRecord r : targets) {
                try {
                    progress.stage(verbing() + " cluster '" + r.name() + "'");
                    act(lc, r);
                    progress.stageDone();
                    out().println(done(r.name()));
                } catch (SkyException e) {
                    progress.stageDone();
                    err().println("sky: " + r.name() + ": " + e.getMessage());
                    failed.add(r.name());
                    code = e.exitCode();
                }
            }
            if (!failed.isEmpty()) {
                out().println("Failed: " + String.join(", ", failed) + ". See the errors above.");
            }
            return code;
        }
    }

    /** The line printed after each success. */
    abstract String done(String cluster);
}
