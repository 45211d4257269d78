package dev.sky.optimizer;

import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.solve.ChainSolver;
import dev.sky.optimizer.solve.TaskOptions;
import dev.sky.optimizer.solve.TaskSolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the cheapest feasible placement for every task of a pipeline. A pure function of its {@link PlanRequest}:
 * no I/O, no clock, no randomness; the same request always gives the same plan. The rules are in
 * {@code docs/optimizer.md}.
 */
public final class Optimizer {

    private Optimizer() {}

    public static Plan optimize(PlanRequest req) {
        List<TaskOptions> options = new ArrayList<>(req.pipeline().tasks().size());
        for (Task task : req.pipeline().tasks()) {
            options.add(TaskSolver.solve(task, req));
        }
        return ChainSolver.solve(options, req);
    }
}
