package dev.sky.cli.render;

import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Egress;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optimizer's plan as text, the way SkyPilot prints it: per task a "Considered resources" table with one row per
 * (cloud, accelerator, spot) group, then the estimated cost. Clouds that are not enabled (only with --all-clouds)
 * are marked {@code *} with a footnote.
 */
public final class PlanText {
    static final String CHECK_MARK = "\u2714";
    private static final int INFRA_WIDTH = 25;

    private final CloudLabels labels;
    private final Style style;

    public PlanText(CloudLabels labels, Style style) {
        this.labels = labels;
        this.style = style;
    }

    /** The whole plan; only call for a feasible plan. */
    public String render(Plan plan) {
        StringBuilder b = new StringBuilder();
        boolean multi = plan.tasks().size() > 1;
        boolean anyDisabled = false;
        for (int i = 0; i < plan.tasks().size(); i++) {
            TaskPlan tp = plan.tasks().get(i);
            int n = tp.task().numNodes();
            String nodes = n + (n == 1 ? " node" : " nodes");
            b.append(multi ? "Considered resources for task '" + taskName(tp, i) + "' (" + nodes + "):"
                    : "Considered resources (" + nodes + "):").append('\n');
            TextTable table = TextTable.framed("INFRA", "INSTANCE", "vCPUs", "Mem(GB)", "GPUS", "COST ($)", "CHOSEN");
            for (Candidate c : rows(tp)) {
                boolean chosen = c.equals(tp.chosen());
                anyDisabled |= !labels.enabled(c.cloud());
                table.row(List.of(infra(c, true), instance(c), Numbers.compact(c.vcpus()), Numbers.compact(c.memoryGb()),
                        gpus(c), Numbers.dollars(c.hourlyCost()), chosen ? "   " + style.green(CHECK_MARK) : ""), chosen);
            }
            b.append(table.render(style));
            if (multi) {
                b.append('\n');
            }
        }
        if (anyDisabled) {
            b.append("* not enabled: run sky check\n");
        }
        if (multi) {
            b.append(bestPlan(plan));
            if (!plan.egress().isEmpty()) {
                b.append(egress(plan));
            }
        }
        b.append("Estimated cost: $").append(Numbers.dollars(plan.hourlyCost())).append(" / hour");
        double egressCost = plan.egress().stream().mapToDouble(Egress::cost).sum();
        if (egressCost > 0) {
            b.append(", plus $").append(Numbers.dollars(egressCost)).append(" of egress");
        }
        return b.append('\n').toString();
    }

    /**
     * One row per (cloud, accelerator, spot) group: the chosen candidate for its group, the cheapest for the others.
     * Sorted by cost; for ordered requests by the user's order first.
     */
    static List<Candidate> rows(TaskPlan tp) {
        Map<List<Object>, Candidate> best = new LinkedHashMap<>();
        for (Candidate c : tp.candidates()) {
            List<Object> key = List.of(c.cloud(), String.valueOf(c.acceleratorName()), c.acceleratorCount(), c.spot());
            Candidate have = best.get(key);
            if (have == null || (!have.equals(tp.chosen()) && (c.equals(tp.chosen()) || c.hourlyCost() < have.hourlyCost()))) {
                best.put(key, c);
            }
        }
        Comparator<Candidate> order = Comparator.comparingDouble(Candidate::hourlyCost);
        if (tp.task().resources().ordered()) {
            order = Comparator.comparingInt(Candidate::choiceIndex).thenComparing(order);
        }
        List<Candidate> rows = new ArrayList<>(best.values());
        rows.sort(order);
        return rows;
    }

    String infra(Candidate c, boolean markDisabled) {
        String where = c.zone() != null ? c.zone() : c.region();
        if ("ssh".equals(c.cloud()) && where != null && where.startsWith("ssh-")) {
            where = where.substring(4); // a pool is planned as region ssh-<pool>; shown as SSH (pool), as in status
        }
        // "Local (local)" says nothing more than "Local".
        boolean noPlace = where == null || where.isEmpty() || where.equalsIgnoreCase(c.cloud());
        String s = labels.name(c.cloud()) + (noPlace ? "" : " (" + where + ")");
        s = truncateMiddle(s);
        return markDisabled && !labels.enabled(c.cloud()) ? s + "*" : s;
    }

    static String instance(Candidate c) {
        String type = c.instanceType() == null || c.instanceType().isEmpty() ? "-" : c.instanceType();
        return c.spot() ? type + "[Spot]" : type;
    }

    static String gpus(Candidate c) {
        if (c.acceleratorName() == null || c.acceleratorCount() <= 0) {
            return "-";
        }
        return c.acceleratorName() + ":" + Numbers.count(c.acceleratorCount());
    }

    static String taskName(TaskPlan tp, int index) {
        return tp.task().name() != null ? tp.task().name() : "task-" + index;
    }

    private String bestPlan(Plan plan) {
        TextTable t = TextTable.framed("TASK", "#NODES", "INFRA", "INSTANCE", "vCPUs", "Mem(GB)", "GPUS");
        for (int i = 0; i < plan.tasks().size(); i++) {
            TaskPlan tp = plan.tasks().get(i);
            Candidate c = Objects.requireNonNull(tp.chosen());
            t.row(List.of(taskName(tp, i), Integer.toString(c.numNodes()), infra(c, true), instance(c),
                    Numbers.compact(c.vcpus()), Numbers.compact(c.memoryGb()), gpus(c)));
        }
        return "Best plan:\n" + t.render(style);
    }

    private String egress(Plan plan) {
        TextTable t = TextTable.framed("SOURCE", "TARGET", "SIZE (GB)", "COST ($)");
        for (Egress e : plan.egress()) {
            t.row(List.of(taskName(plan.tasks().get(e.fromTask()), e.fromTask()) + " (" + labels.name(e.fromCloud()) + ")",
                    taskName(plan.tasks().get(e.toTask()), e.toTask()) + " (" + labels.name(e.toCloud()) + ")",
                    Numbers.compact(e.gigabytes()), Numbers.dollars(e.cost())));
        }
        return "Egress plan:\n" + t.render(style);
    }

    private static String truncateMiddle(String s) {
        if (s.length() <= INFRA_WIDTH) {
            return s;
        }
        int keep = INFRA_WIDTH - 3;
        return s.substring(0, (keep + 1) / 2) + "..." + s.substring(s.length() - keep / 2);
    }
}
