package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.options.TaskOptions;
import dev.sky.cli.options.YesOption;
import dev.sky.cli.planning.Planner;
import dev.sky.cli.planning.Planner.Planned;
import dev.sky.cli.planning.TaskInput;
import dev.sky.cli.render.Json;
import dev.sky.cli.render.NoFitText;
import dev.sky.cli.render.PlanJson;
import dev.sky.cli.render.PlanText;
import dev.sky.core.ExitCode;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What launch and jobs launch share: the entrypoint, the task flags, loading, planning and showing the plan. */
@Command
abstract class PlanningCommand extends BaseCommand {
    @Parameters(paramLabel = "ENTRYPOINT", arity = "0..*",
            description = "A task YAML, or a shell command to run (use -- before a command with flags).")
    List<String> entrypoint = new ArrayList<>();

    @Mixin
    TaskOptions taskOptions;

    @Option(names = "--dryrun", description = "Show the plan and stop: nothing is created.")
    boolean dryrun;

    @Option(names = "--all-clouds",
            description = "Plan over every cloud with a catalog, enabled or not (clouds not enabled are marked *).")
    boolean allClouds;

    @Mixin
    JsonOption json;

    @Mixin
    YesOption yes;

    /** How the command is named in messages. */
    abstract String commandName();

    /** Whether multi-task YAMLs are accepted. */
    abstract boolean acceptsPipelines();

    /** Loads the entrypoint with the flags applied, and prints warnings (task warnings, service hint) to stderr. */
    Pipeline load() {
        TaskInput.Loaded loaded = TaskInput.load(entrypoint, taskOptions, context().env(), commandName(),
                acceptsPipelines(), this::warn);
        for (Task t : loaded.pipeline().tasks()) {
            t.warnings().forEach(this::warn);
            if (t.service() != null && !t.service().isEmpty()) {
                warn("the service: section is ignored by " + commandName() + "; services run with 'sky serve up',"
                        + " which is not supported yet.");
            }
        }
        if (!json.json && loaded.describe() != null) {
            out().println(loaded.describe());
        }
        return loaded.pipeline();
    }

    Planned plan(Pipeline pipeline) {
        return new Planner(context()).plan(pipeline, allClouds);
    }

    /** Prints the plan (text or JSON on stdout; a no-fit explanation on stderr); OK, or NO_RESOURCES. */
    int show(Planned planned) {
        if (json.json) {
            out().println(Json.write(new PlanJson(planned.labels()).toJson(planned.plan())));
        } else if (planned.plan().feasible()) {
            out().print(new PlanText(planned.labels(), style()).render(planned.plan()));
        }
        if (!planned.plan().feasible()) {
            err().print(NoFitText.render(planned.plan()));
            return ExitCode.NO_RESOURCES;
        }
        return ExitCode.OK;
    }
}
