package dev.sky.optimizer.plan;

import dev.sky.core.task.Task;
import java.util.List;

/**
 * The optimizer's answer for one task.
 *
 * @param task the task
 * @param chosen the chosen candidate, or null when nothing fits
 * @param candidates every considered candidate, best first (the chosen one first when there is one)
 * @param reasons when nothing fits: one line per cloud saying why
 * @param alternatives when nothing fits: nearby offerings, e.g. {@code A100:8} for a request of {@code A100:3}
 */
public record TaskPlan(Task task, Candidate chosen, List<Candidate> candidates, List<String> reasons,
                       List<String> alternatives) {
    public TaskPlan {
        candidates = List.copyOf(candidates);
        reasons = List.copyOf(reasons);
        alternatives = List.copyOf(alternatives);
    }

    public boolean feasible() {
        return chosen != null;
    }

    /**
     * The rows of the "considered resources" table: the first (best) candidate of each (cloud, accelerator, spot)
     * group, in candidate order, so the chosen one comes first.
     */
    public List<Candidate> bestPerGroup() {
        java.util.Set<java.util.List<Object>> seen = new java.util.HashSet<>();
        List<Candidate> out = new java.util.ArrayList<>();
        for (Candidate c : candidates) {
            if (seen.add(java.util.Arrays.asList(c.cloud(), c.acceleratorName(), c.acceleratorCount(), c.spot()))) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }
}
