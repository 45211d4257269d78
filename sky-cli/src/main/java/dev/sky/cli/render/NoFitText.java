package dev.sky.cli.render;

import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;

/** What sky says when nothing fits a task: a headline, one line per cloud, and the nearest alternatives. */
public final class NoFitText {
    private NoFitText() {}

    public static String headline(TaskPlan tp) {
        String name = tp.task().name() == null ? "" : " '" + tp.task().name() + "'";
        return "no resources fit task" + name + " (" + ResourcesText.of(tp.task()) + ")";
    }

    /** Lines for stderr, for every task that does not fit. */
    public static String render(Plan plan) {
        StringBuilder b = new StringBuilder();
        for (TaskPlan tp : plan.tasks()) {
            if (tp.feasible()) {
                continue;
            }
            b.append("sky: ").append(headline(tp)).append(":\n");
            if (tp.reasons().isEmpty()) {
                b.append("  no enabled cloud offers it\n");
            }
            for (String reason : tp.reasons()) {
                b.append("  ").append(reason).append('\n');
            }
            if (!tp.alternatives().isEmpty()) {
                b.append("  Nearest alternatives: ").append(String.join(", ", tp.alternatives())).append('\n');
            }
        }
        b.append("Hint: 'sky show-gpus' lists accelerators; 'sky check' enables clouds; "
                + "--all-clouds plans over every cloud.\n");
        return b.toString();
    }
}
