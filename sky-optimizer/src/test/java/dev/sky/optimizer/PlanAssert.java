package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.List;
import java.util.Set;

/** Planning against the fixture, and asserting on the chosen candidate. */
final class PlanAssert {

    static final Set<String> ALL_ENABLED = Set.of("aws", "gcp", "azure", "local");

    private PlanAssert() {}

    static TaskPlan plan(Task task) {
        return plan(task, ALL_ENABLED);
    }

    static TaskPlan plan(Task task, Set<String> enabled) {
        return Optimizer.optimize(PlanRequest.of(task, Fixture.CLOUDS, enabled)).tasks().get(0);
    }

    static Plan planPipeline(Set<String> enabled, Task... tasks) {
        return Optimizer.optimize(new PlanRequest(new Pipeline("p", List.of(tasks), tasks.length > 1),
                Fixture.CLOUDS, enabled, false));
    }

    /** The chosen candidate is exactly this placement at this $/hour per node. */
    static Candidate assertChosen(TaskPlan plan, String cloud, String region, String zone, String instanceType,
                                  double pricePerNode) {
        assertThat(plan.reasons()).as("reasons of a feasible plan").isEmpty();
        Candidate c = plan.chosen();
        assertThat(c).as("chosen").isNotNull();
        assertThat(List.of(c.cloud(), c.region(), String.valueOf(c.zone()), c.instanceType()))
                .as("cloud, region, zone, instance type")
                .containsExactly(cloud, region, String.valueOf(zone), instanceType);
        assertThat(c.hourlyCostPerNode()).as("$/hour per node").isCloseTo(pricePerNode, within(1e-9));
        assertThat(plan.candidates().get(0)).as("the chosen candidate is listed first").isEqualTo(c);
        return c;
    }

    static void assertInfeasible(TaskPlan plan, String... reasonFragments) {
        assertThat(plan.chosen()).as("chosen").isNull();
        assertThat(plan.candidates()).isEmpty();
        for (String fragment : reasonFragments) {
            assertThat(plan.reasons()).as("reasons").anySatisfy(r -> assertThat(r).contains(fragment));
        }
    }
}
