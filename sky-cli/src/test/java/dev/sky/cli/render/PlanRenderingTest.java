package dev.sky.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Egress;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRenderingTest {
    static final CloudLabels LABELS = new CloudLabels(Map.of("aws", "AWS", "gcp", "GCP", "azure", "Azure"),
            Set.of("aws", "gcp"));

    static Task task(String name, int nodes, ResourceChoice choice) {
        return new Task(name, null, nodes, null, null, null, null, "echo hi", choice, null, null, null, null, null,
                null, null, null);
    }

    static Task a100Task(int nodes) {
        return task("train", nodes, ResourceChoice.single(
                Resources.defaults().withAccelerator(AcceleratorDemand.of("A100", 1))));
    }

    static Candidate c(String cloud, String region, String zone, String type, double cost, boolean spot, int nodes,
                       int choice) {
        return new Candidate(cloud, region, zone, type, "A100", 1, 12, 85, spot, cost, nodes, choice);
    }

    @Test
    void oneRowPerCloudAcceleratorAndSpotGroupCheapestFirstWithTheChosenMarked() {
        Candidate gcpA = c("gcp", "us-central1", "us-central1-a", "a2-highgpu-1g", 3.67, false, 2, 0);
        Candidate gcpB = c("gcp", "us-central1", "us-central1-b", "a2-highgpu-1g", 3.70, false, 2, 0);
        Candidate azure = c("azure", "eastus", null, "Standard_NC24ads_A100_v4", 3.90, false, 2, 0);
        Candidate awsSpot = c("aws", "us-east-1", "us-east-1a", "p4d.24xlarge", 1.5, true, 2, 0);
        TaskPlan tp = new TaskPlan(a100Task(2), gcpA, List.of(gcpA, gcpB, azure, awsSpot), List.of(), List.of());
        String text = new PlanText(LABELS, Style.plain()).render(new Plan(List.of(tp), List.of()));

        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("Considered resources (2 nodes):");
        assertThat(lines.get(2)).containsSubsequence("INFRA", "INSTANCE", "vCPUs", "Mem(GB)", "GPUS", "COST ($)", "CHOSEN");
        List<String> rows = lines.subList(4, 7);
        assertThat(rows.get(0)).startsWith(" AWS (us-east-1a)").contains("p4d.24xlarge[Spot]", "3.00")
                .doesNotContain(PlanText.CHECK_MARK);
        assertThat(rows.get(1)).startsWith(" GCP (us-central1-a)").contains("a2-highgpu-1g", "12", "85", "A100:1",
                "7.34").endsWith(PlanText.CHECK_MARK);
        assertThat(rows.get(2)).startsWith(" Azure (eastus)*").contains("7.80");
        assertThat(text).doesNotContain("us-central1-b");
        assertThat(text).contains("* not enabled: run sky check").endsWith("Estimated cost: $7.34 / hour\n");
    }

    @Test
    void orderedRequestsListRowsInTheUsersOrderThenByCost() {
        ResourceChoice ordered = new ResourceChoice(List.of(
                Resources.defaults().withAccelerator(AcceleratorDemand.of("H100", 1)),
                Resources.defaults().withAccelerator(AcceleratorDemand.of("A100", 1))), true);
        Candidate cheapSecond = c("aws", "us-east-1", null, "p4d", 1.0, false, 1, 1);
        Candidate first = new Candidate("gcp", "us-east1", "us-east1-b", "a3", "H100", 1, 26, 234, false, 9.0, 1, 0);
        TaskPlan tp = new TaskPlan(task("t", 1, ordered), first, List.of(first, cheapSecond), List.of(), List.of());
        String text = new PlanText(LABELS, Style.plain()).render(new Plan(List.of(tp), List.of()));
        assertThat(text.indexOf("H100:1")).isLessThan(text.indexOf("A100:1"));
        assertThat(text).contains("Considered resources (1 node):");
    }

    @Test
    void pipelinesGetPerTaskTablesABestPlanAndEgress() {
        Candidate a = c("aws", "us-east-1", null, "p4d", 2.0, false, 1, 0);
        Candidate g = c("gcp", "us-central1", "us-central1-a", "a2", 3.0, false, 1, 0);
        TaskPlan t1 = new TaskPlan(task("prep", 1, ResourceChoice.single(Resources.defaults())), a, List.of(a),
                List.of(), List.of());
        TaskPlan t2 = new TaskPlan(task("train", 1, ResourceChoice.single(Resources.defaults())), g, List.of(g),
                List.of(), List.of());
        Plan plan = new Plan(List.of(t1, t2), List.of(new Egress(0, 1, "aws", "gcp", 100, 8.91)));
        String text = new PlanText(LABELS, Style.plain()).render(plan);
        assertThat(text).contains("Considered resources for task 'prep' (1 node):",
                "Considered resources for task 'train' (1 node):", "Best plan:", "Egress plan:",
                "prep (AWS)", "train (GCP)", "8.91", "Estimated cost: $5.00 / hour, plus $8.91 of egress");
    }

    @Test
    void jsonHasEveryCandidateAndTheChosenOne() {
        Candidate gcpA = c("gcp", "us-central1", "us-central1-a", "a2-highgpu-1g", 3.67, false, 2, 0);
        Candidate azure = c("azure", "eastus", null, "Standard_NC24ads_A100_v4", 3.90, false, 2, 0);
        TaskPlan tp = new TaskPlan(a100Task(2), gcpA, List.of(gcpA, azure), List.of(), List.of());
        String json = Json.write(new PlanJson(LABELS).toJson(new Plan(List.of(tp), List.of())));
        assertThat(json).startsWith("{\"tasks\":[{\"name\":\"train\",\"num_nodes\":2,\"chosen\":{\"cloud\":\"gcp\","
                + "\"region\":\"us-central1\",\"zone\":\"us-central1-a\",\"instance_type\":\"a2-highgpu-1g\","
                + "\"accelerators\":{\"A100\":1},\"cpus\":12,\"memory_gb\":85,\"use_spot\":false,"
                + "\"hourly_cost\":7.34,\"hourly_cost_per_node\":3.67,\"enabled\":true}");
        assertThat(json).contains("\"zone\":null", "\"enabled\":false", "\"feasible\":true", "\"hourly_cost\":7.34}")
                .doesNotContain("\"error\"");
    }

    @Test
    void nothingFitsListsReasonsPerCloudAndAlternatives() {
        TaskPlan tp = new TaskPlan(task("big", 1, ResourceChoice.single(
                Resources.defaults().withAccelerator(AcceleratorDemand.of("A100", 3)))), null, List.of(),
                List.of("AWS: no instance type has 3 A100 (offered: A100:1, A100:8)", "GCP: no A100:3 host"),
                List.of("A100:1", "A100:8"));
        Plan plan = new Plan(List.of(tp), List.of());
        assertThat(NoFitText.render(plan)).contains("no resources fit task 'big' (1x A100:3)",
                "  AWS: no instance type has 3 A100", "  GCP: no A100:3 host", "Nearest alternatives: A100:1, A100:8");
        String json = Json.write(new PlanJson(LABELS).toJson(plan));
        assertThat(json).contains("\"chosen\":null", "\"error\":{\"code\":\"NO_RESOURCES\",\"exit_code\":3",
                "\"alternatives\":[\"A100:1\",\"A100:8\"]", "\"feasible\":false");
    }
}
