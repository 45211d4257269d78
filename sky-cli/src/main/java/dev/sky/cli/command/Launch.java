package dev.sky.cli.command;

import dev.sky.cli.planning.Planner.Planned;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.plan.Candidate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sky launch}: plan, confirm, provision, run. This version plans (with --dryrun the plan is the whole answer);
 * provisioning says in one line that it is not available yet.
 */
@Command(name = "launch",
        description = "Launch a cluster and run a task on it (a task YAML or a command); --dryrun shows the plan.")
public final class Launch extends PlanningCommand {
    @Option(names = {"-c", "--cluster"}, paramLabel = "NAME", description = "Cluster name (default: generated).")
    String cluster;

    @Override
    String commandName() {
        return "sky launch";
    }

    @Override
    boolean acceptsPipelines() {
        return false;
    }

    @Override
    protected int run() {
        Pipeline pipeline = load();
        Planned planned = plan(pipeline);
        int shown = show(planned);
        if (shown != ExitCode.OK || dryrun) {
            return shown;
        }
        Candidate chosen = planned.plan().tasks().get(0).chosen();
        refuseWhatCannotLaunch(planned.clouds().get(chosen.cloud()));
        // Next: confirm (unless -y) and provision with failover; neither exists in this version.
        throw new SkyException(ExitCode.GENERIC, "Launching is not available yet in this version of sky: use"
                + " --dryrun to see the plan.");
    }

    /** Launch-time limits of the chosen cloud (planning ignores them so that the plan can still be shown). */
    private static void refuseWhatCannotLaunch(CloudDescriptor cloud) {
        String reason = cloud.unsupported().get(CloudFeature.PROVISION);
        if (reason != null) {
            throw new SkyException(ExitCode.GENERIC, reason);
        }
    }
}
