package dev.sky.cli.command;

import dev.sky.cli.planning.Planner.Planned;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import picocli.CommandLine.Command;

/**
 * {@code sky jobs launch}: a managed job, one task or a pipeline. This version plans it (--dryrun); running managed
 * jobs says in one line that it is not available yet.
 */
@Command(name = "launch",
        description = "Launch a managed job (one task or a multi-task pipeline); --dryrun shows the plan.")
public final class JobsLaunch extends PlanningCommand {
    @Override
    String commandName() {
        return "sky jobs launch";
    }

    @Override
    boolean acceptsPipelines() {
        return true;
    }

    @Override
    protected int run() {
        if (!dryrun) {
            throw new SkyException(ExitCode.GENERIC, "Managed jobs are not available yet: use sky jobs launch --dryrun"
                    + " to see the plan.");
        }
        Pipeline pipeline = load();
        Planned planned = plan(pipeline);
        return show(planned);
    }
}
