package dev.sky.cli.planning;

import dev.sky.cli.options.TaskOptions;
import dev.sky.cli.options.TaskOptionsToOverrides;
import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import dev.sky.core.yaml.Entrypoints;
import dev.sky.core.yaml.Entrypoints.Entrypoint;
import dev.sky.core.yaml.TaskLoader;
import dev.sky.core.yaml.TaskOverrides;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Turns a command's ENTRYPOINT and task flags into the pipeline to plan: a task YAML, or a shell command. */
public final class TaskInput {
    /**
     * What was loaded.
     *
     * @param pipeline the tasks, with the flags applied
     * @param entrypoint the YAML file or the command, for the "YAML to run" line
     */
    public record Loaded(Pipeline pipeline, Entrypoint entrypoint) {
        /** {@code YAML to run: task.yaml} or {@code Command to run: echo hi}; null for no entrypoint. */
        public String describe() {
            if (entrypoint.isYaml()) {
                return "YAML to run: " + entrypoint.yamlFile();
            }
            return entrypoint.command() != null ? "Command to run: " + entrypoint.command() : null;
        }
    }

    private TaskInput() {}

    /**
     * @param commandName how the calling command is named in messages ({@code sky launch})
     * @param acceptsPipelines whether the command runs multi-task YAMLs ({@code sky jobs launch}); if not, one is
     *     refused with a pointer to {@code sky jobs launch}
     * @param warn receives warning lines
     */
    public static Loaded load(List<String> entrypointArgs, TaskOptions options, Map<String, String> environment,
                              String commandName, boolean acceptsPipelines, Consumer<String> warn) {
        Entrypoint e = Entrypoints.resolve(entrypointArgs == null ? List.of() : entrypointArgs);
        Pipeline parsed;
        if (e.isYaml()) {
            parsed = TaskLoader.parse(e.yamlFile());
        } else if (e.command() != null) {
            parsed = Pipeline.of(e.commandTask());
        } else {
            // No entrypoint: a task with default resources and nothing to run, as SkyPilot allows.
            parsed = Pipeline.of(new Task(null, null, 1, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null));
        }
        TaskOverrides overrides;
        if (parsed.multiDocument()) {
            if (!acceptsPipelines) {
                throw SkyException.invalidInput(e.yamlFile() + ": this YAML holds " + parsed.tasks().size()
                        + " tasks (a pipeline); " + commandName + " runs a single task. Use: sky jobs launch "
                        + e.yamlFile());
            }
            if (options.anyTaskFlag()) {
                warn.accept("task flags other than --env, --env-file and --secret are ignored: " + e.yamlFile()
                        + " holds several tasks.");
            }
            overrides = TaskOptionsToOverrides.envOnly(options, environment);
        } else {
            overrides = TaskOptionsToOverrides.map(options, environment, warn);
        }
        return new Loaded(overrides.apply(parsed), e);
    }
}
