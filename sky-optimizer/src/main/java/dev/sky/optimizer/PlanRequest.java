package dev.sky.optimizer;

import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import java.util.List;
import java.util.Set;

/**
 * Everything a plan depends on. The optimizer is a pure function of it.
 *
 * @param pipeline the tasks to place, in order (a single task is a pipeline of one)
 * @param clouds every cloud the optimizer may look at, with its catalog
 * @param enabledClouds ids of the clouds whose credentials {@code sky check} found (compute capability)
 * @param allClouds plan over every cloud in {@code clouds}, enabled or not ({@code --all-clouds}); clouds that are
 *     not choosable when unpinned (local) are still left out unless a task pins them
 */
public record PlanRequest(Pipeline pipeline, List<CloudOffering> clouds, Set<String> enabledClouds, boolean allClouds) {

    public PlanRequest {
        clouds = List.copyOf(clouds);
        enabledClouds = Set.copyOf(enabledClouds);
    }

    public static PlanRequest of(Task task, List<CloudOffering> clouds, Set<String> enabledClouds) {
        return new PlanRequest(Pipeline.of(task), clouds, enabledClouds, false);
    }

    public PlanRequest withAllClouds(boolean v) {
        return new PlanRequest(pipeline, clouds, enabledClouds, v);
    }
}
