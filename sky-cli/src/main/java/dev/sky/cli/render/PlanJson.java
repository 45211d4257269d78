package dev.sky.cli.render;

import dev.sky.core.ExitCode;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Egress;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as sky's {@code --json} object (documented in docs/cli.md, "launch --dryrun --json"). */
public final class PlanJson {
    private final CloudLabels labels;

    public PlanJson(CloudLabels labels) {
        this.labels = labels;
    }

    public Map<String, Object> toJson(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            tasks.add(task(plan.tasks().get(i)));
        }
        root.put("tasks", tasks);
        List<Object> egress = new ArrayList<>();
        for (Egress e : plan.egress()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from_task", e.fromTask());
            m.put("to_task", e.toTask());
            m.put("from_cloud", e.fromCloud());
            m.put("to_cloud", e.toCloud());
            m.put("gigabytes", e.gigabytes());
            m.put("cost", e.cost());
            egress.add(m);
        }
        root.put("egress", egress);
        root.put("feasible", plan.feasible());
        root.put("hourly_cost", plan.feasible() ? plan.hourlyCost() : null);
        return root;
    }

    private Map<String, Object> task(TaskPlan tp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", tp.task().name());
        m.put("num_nodes", tp.task().numNodes());
        m.put("chosen", tp.chosen() == null ? null : candidate(tp.chosen()));
        List<Object> candidates = new ArrayList<>();
        for (Candidate c : tp.candidates()) {
            candidates.add(candidate(c));
        }
        m.put("candidates", candidates);
        if (!tp.feasible()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "NO_RESOURCES");
            error.put("exit_code", ExitCode.NO_RESOURCES);
            error.put("message", NoFitText.headline(tp));
            error.put("reasons", tp.reasons());
            error.put("alternatives", tp.alternatives());
            m.put("error", error);
        }
        return m;
    }

    Map<String, Object> candidate(Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cloud", c.cloud());
        m.put("region", c.region());
        m.put("zone", c.zone());
        if (c.zone() == null) {
            m.put("zones", c.zones());
        }
        m.put("instance_type", c.instanceType() == null || c.instanceType().isEmpty() ? null : c.instanceType());
        Map<String, Object> acc = new LinkedHashMap<>();
        if (c.acceleratorName() != null && c.acceleratorCount() > 0) {
            acc.put(c.acceleratorName(), c.acceleratorCount());
        }
        m.put("accelerators", acc);
        m.put("cpus", c.vcpus());
        m.put("memory_gb", c.memoryGb());
        m.put("use_spot", c.spot());
        m.put("hourly_cost", c.hourlyCost());
        m.put("hourly_cost_per_node", c.hourlyCostPerNode());
        m.put("enabled", labels.enabled(c.cloud()));
        return m;
    }
}
