package dev.sky.optimizer.plan;

import java.util.List;

/**
 * The optimizer's answer for a pipeline (a single task is a pipeline of one).
 *
 * @param tasks one plan per task, in order
 * @param egress egress between consecutive tasks of the chosen placement
 */
public record Plan(List<TaskPlan> tasks, List<Egress> egress) {
    public Plan {
        tasks = List.copyOf(tasks);
        egress = List.copyOf(egress);
    }

    public boolean feasible() {
        return tasks.stream().allMatch(TaskPlan::feasible);
    }

    /** Dollars of egress in the chosen placement. */
    public double egressCost() {
        return egress.stream().mapToDouble(Egress::cost).sum();
    }

    /** Total $/hour of the chosen candidates (egress excluded), or NaN when something does not fit. */
    public double hourlyCost() {
        return feasible() ? tasks.stream().mapToDouble(t -> t.chosen().hourlyCost()).sum() : Double.NaN;
    }
}
