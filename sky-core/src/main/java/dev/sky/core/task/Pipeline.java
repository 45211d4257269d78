package dev.sky.core.task;

import java.util.List;
import java.util.Map;

/**
 * What a task YAML holds: one task, or (with several documents) a chain of tasks run one after another.
 *
 * @param name the pipeline's name from a name-only first document, or null
 * @param tasks the tasks in order, at least one
 * @param multiDocument whether the YAML had several task documents; only {@code sky jobs launch} runs those
 * @param jobGroup a SkyPilot job-group header ({@code execution}, {@code primary_tasks}, {@code termination_delay})
 *     carried as written without its {@code name}; empty for a plain pipeline
 */
public record Pipeline(String name, List<Task> tasks, boolean multiDocument, Map<String, Object> jobGroup) {
    public Pipeline {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one task");
        }
        jobGroup = jobGroup == null ? Map.of() : java.util.Collections.unmodifiableMap(jobGroup);
    }

    public Pipeline(String name, List<Task> tasks, boolean multiDocument) {
        this(name, tasks, multiDocument, Map.of());
    }

    public static Pipeline of(Task task) {
        return new Pipeline(task.name(), List.of(task), false);
    }

    /** The only task; for commands that run a single task, after checking {@link #multiDocument()}. */
    public Task single() {
        return tasks.get(0);
    }
}
