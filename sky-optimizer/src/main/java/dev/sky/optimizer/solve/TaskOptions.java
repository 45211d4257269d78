package dev.sky.optimizer.solve;

import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import java.util.List;

/**
 * Everything one task may run on, before the pipeline is solved.
 *
 * @param task the task
 * @param candidates every feasible candidate, best first
 * @param eligible the candidates the solver may choose from: all of them, or for an ordered choice those of the
 *     first option that has any
 * @param reasons when nothing fits: one line per cloud and option
 * @param alternatives when nothing fits: nearby offerings, cheapest first
 */
public record TaskOptions(Task task, List<Candidate> candidates, List<Candidate> eligible, List<String> reasons,
                          List<String> alternatives) {

    public TaskOptions {
        candidates = List.copyOf(candidates);
        eligible = List.copyOf(eligible);
        reasons = List.copyOf(reasons);
        alternatives = List.copyOf(alternatives);
    }

    public boolean feasible() {
        return !eligible.isEmpty();
    }
}
