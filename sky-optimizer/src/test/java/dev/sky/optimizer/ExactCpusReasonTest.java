package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code cpus: 1} is exact; when no default size has exactly that, the reason says so and how to ask for more. */
class ExactCpusReasonTest {

    private static TaskPlan plan(Amount cpus) {
        CloudOffering aws = Fixture.cloud("aws");
        return Optimizer.optimize(PlanRequest.of(Req.res().cpus(cpus).task(), List.of(aws), Set.of("aws")))
                .tasks().get(0);
    }

    @Test
    void anExactCpuCountNoDefaultFamilyHasExplainsExactAndAtLeast() {
        TaskPlan plan = plan(Amount.exact(1));
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString()
                .startsWith("AWS: no instance type in the default families")
                .endsWith("has cpus=1, memory=4x (cpus: 1 asks for exactly 1 vCPU; 1+ for at least 1)");
    }

    @Test
    void atLeastThatManyPlansAndGetsNoHint() {
        TaskPlan plan = plan(Amount.atLeast(1));
        assertThat(plan.chosen()).isNotNull();
        assertThat(plan.chosen().vcpus()).isGreaterThanOrEqualTo(1.0);
        assertThat(plan(Amount.atLeast(100_000)).reasons()).singleElement().asString().doesNotContain("exactly");
    }
}
