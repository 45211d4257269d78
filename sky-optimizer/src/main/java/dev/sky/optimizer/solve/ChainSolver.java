package dev.sky.optimizer.solve;

import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.PlanRequest;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Egress;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a chain of tasks by dynamic programming: the cheapest sum of hourly costs (one hour each, SkyPilot's
 * default estimate) plus egress, charged by the source cloud whenever consecutive tasks run on different clouds.
 */
public final class ChainSolver {

    private final Map<String, CloudOffering> clouds = new HashMap<>();

    private ChainSolver(PlanRequest req) {
        req.clouds().forEach(c -> clouds.put(c.id(), c));
    }

    public static Plan solve(List<TaskOptions> tasks, PlanRequest req) {
        return new ChainSolver(req).solve(tasks);
    }

    private Plan solve(List<TaskOptions> tasks) {
        if (!tasks.stream().allMatch(TaskOptions::feasible)) {
            List<TaskPlan> plans = new ArrayList<>();
            for (TaskOptions t : tasks) {
                plans.add(taskPlan(t, t.feasible() ? t.eligible().get(0) : null));
            }
            return new Plan(plans, List.of());
        }
        int n = tasks.size();
        double[][] best = new double[n][];
        int[][] from = new int[n][];
        Map<String, Double> sources = DataMoves.inputsByCloud(tasks.get(0).task());
        List<Candidate> first = tasks.get(0).eligible();
        best[0] = new double[first.size()];
        for (int c = 0; c < first.size(); c++) {
            best[0][c] = first.get(c).hourlyCost() + sourceEgress(sources, first.get(c).cloud());
        }
        for (int i = 1; i < n; i++) {
            List<Candidate> prev = tasks.get(i - 1).eligible();
            List<Candidate> cur = tasks.get(i).eligible();
            double gb = DataMoves.between(tasks.get(i - 1).task(), tasks.get(i).task());
            // Egress depends only on the pair of clouds, so the best predecessor per cloud is enough.
            Map<String, Integer> bestPerCloud = new LinkedHashMap<>();
            for (int p = 0; p < prev.size(); p++) {
                Integer known = bestPerCloud.get(prev.get(p).cloud());
                if (known == null || best[i - 1][p] < best[i - 1][known]) {
                    bestPerCloud.put(prev.get(p).cloud(), p);
                }
            }
            best[i] = new double[cur.size()];
            from[i] = new int[cur.size()];
            for (int c = 0; c < cur.size(); c++) {
                double min = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int p : bestPerCloud.values()) {
                    double v = best[i - 1][p] + egressCost(prev.get(p).cloud(), cur.get(c).cloud(), gb);
                    if (v < min) {
                        min = v;
                        arg = p;
                    }
                }
                best[i][c] = cur.get(c).hourlyCost() + min;
                from[i][c] = arg;
            }
        }
        int[] pick = new int[n];
        pick[n - 1] = argMin(best[n - 1]);
        for (int i = n - 1; i > 0; i--) {
            pick[i - 1] = from[i][pick[i]];
        }
        List<TaskPlan> plans = new ArrayList<>();
        List<Egress> egress = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate chosen = tasks.get(i).eligible().get(pick[i]);
            plans.add(taskPlan(tasks.get(i), chosen));
            if (i == 0) {
                sources.forEach((cloud, gb) -> {
                    if (!cloud.equals(chosen.cloud())) {
                        egress.add(new Egress(-1, 0, cloud, chosen.cloud(), gb, egressCost(cloud, chosen.cloud(),
                                gb)));
                    }
                });
            } else {
                Candidate before = plans.get(i - 1).chosen();
                double gb = DataMoves.between(tasks.get(i - 1).task(), tasks.get(i).task());
                if (gb > 0 && !before.cloud().equals(chosen.cloud())) {
                    egress.add(new Egress(i - 1, i, before.cloud(), chosen.cloud(), gb,
                            egressCost(before.cloud(), chosen.cloud(), gb)));
                }
            }
        }
        return new Plan(plans, egress);
    }

    private double sourceEgress(Map<String, Double> sources, String to) {
        double sum = 0;
        for (Map.Entry<String, Double> e : sources.entrySet()) {
            sum += egressCost(e.getKey(), to, e.getValue());
        }
        return sum;
    }

    /** What the source cloud charges to move {@code gb} out to another cloud; 0 within a cloud. */
    private double egressCost(String from, String to, double gb) {
        if (gb <= 0 || from.equals(to)) {
            return 0;
        }
        CloudOffering source = clouds.get(from);
        return source == null ? 0 : source.descriptor().egressCost(gb);
    }

    private static int argMin(double[] v) {
        int arg = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[arg]) {
                arg = i;
            }
        }
        return arg;
    }

    /** The task's plan, with the chosen candidate first and the rest in their best-first order. */
    private static TaskPlan taskPlan(TaskOptions t, Candidate chosen) {
        List<Candidate> ordered = new ArrayList<>(t.candidates().size());
        if (chosen != null) {
            ordered.add(chosen);
        }
        for (Candidate c : t.candidates()) {
            if (c != chosen) {
                ordered.add(c);
            }
        }
        return new TaskPlan(t.task(), chosen, ordered, t.reasons(), t.alternatives());
    }
}
