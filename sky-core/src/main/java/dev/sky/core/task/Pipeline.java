package dev.sky.core.task;

import java.util.List;

/**
 * What a task YAML holds: one task, or (with several documents) a chain of tasks run one after another.
 *
 * @param name the pipeline's name from a name-only first document, or null
 * @param tasks the tasks in order, at least one
 * @param multiDocument whether the YAML had several task documents; only {@code sky jobs launch} runs those
 */
public record Pipeline(String name, List<Task> tasks, boolean multiDocument) {
    public Pipeline {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one task");
        }
    }

    public static Pipeline of(Task task) {
        return new Pipeline(task.name(), List.of(task), false);
    }
}
