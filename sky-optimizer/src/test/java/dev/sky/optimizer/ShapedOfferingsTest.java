package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.ShapedOfferings;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A cloud with made-to-measure offerings (a Kubernetes-like cloud whose capacity is unknown): a task that pins it
 * is planned on a node of its own size; an unpinned task never sees that node, even at $0 and with every cloud.
 */
class ShapedOfferingsTest {

    private final AtomicInteger asked = new AtomicInteger();

    /** A pod of the requested accelerator (or 2 vCPUs), at $0, in context "-". */
    private final ShapedOfferings pods = r -> {
        asked.incrementAndGet();
        if (r.accelerator() != null && r.accelerator().byMemory()) {
            return List.of();
        }
        String acc = r.accelerator() == null ? null : r.accelerator().name();
        double count = r.accelerator() == null ? 0 : r.accelerator().count();
        double cpus = r.cpus() == null ? 2 : r.cpus().value();
        return List.of(new CatalogRow(cpus + "CPU--pod", acc, count, cpus, cpus * 4, Double.NaN, null, 0.0,
                Double.NaN, "-", null));
    };

    private CloudOffering kubernetes() {
        FixtureCloud k8s = new FixtureCloud("kubernetes", "Kubernetes", Map.of(),
                new Catalog("kubernetes", List.of(), "computed", null), null, false, true, true, 0);
        return CloudOffering.of(k8s, k8s.catalog(), pods);
    }

    private TaskPlan plan(Req req, boolean allClouds, Set<String> enabled) {
        List<CloudOffering> clouds = new ArrayList<>(Fixture.CLOUDS);
        clouds.add(kubernetes());
        return Optimizer.optimize(new PlanRequest(dev.sky.core.task.Pipeline.of(req.task()), clouds, enabled,
                allClouds)).tasks().get(0);
    }

    @Test
    void aTaskPinningTheCloudIsPlannedOnANodeOfItsOwnSizeAtNoCost() {
        TaskPlan plan = plan(Req.res().cloud("kubernetes").acc("A100", 8), true, Set.of("aws"));
        Candidate c = plan.chosen();
        assertThat(c).as(String.valueOf(plan.reasons())).isNotNull();
        assertThat(c.cloud()).isEqualTo("kubernetes");
        assertThat(c.instanceType()).isEqualTo("2.0CPU--pod");
        assertThat(c.acceleratorName()).isEqualTo("A100");
        assertThat(c.acceleratorCount()).isEqualTo(8.0);
        assertThat(c.region()).isEqualTo("-");
        assertThat(c.hourlyCost()).isZero();
        assertThat(asked).hasValue(1);
    }

    @Test
    void anUnpinnedTaskWithEveryCloudStillChoosesARealInstance() {
        TaskPlan plan = plan(Req.res().acc("A100", 8), true, Set.of());
        assertThat(plan.chosen()).isNotNull();
        assertThat(plan.chosen().cloud()).isIn("aws", "gcp", "azure");
        assertThat(plan.chosen().hourlyCost()).isPositive();
        assertThat(plan.candidates()).noneMatch(c -> c.cloud().equals("kubernetes"));
        assertThat(asked).as("the shaped offerings are not even asked for").hasValue(0);
    }

    @Test
    void whenNothingElseFitsTheUnpinnedReasonSaysCapacityIsUnknown() {
        TaskPlan plan = plan(Req.res().acc("MI300", 2), true, Set.of());
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).contains("Kubernetes: no node capacity is known");
        assertThat(String.join("\n", plan.reasons())).doesNotContain("this machine");
    }

    @Test
    void aPinnedRequestThatCannotBeShapedSaysSo() {
        TaskPlan plan = plan(Req.res().cloud("kubernetes").acc(new dev.sky.core.task.AcceleratorDemand(null, 1,
                80.0, true, null)), true, Set.of());
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString().startsWith("Kubernetes: cannot size a node for ");
    }

    @Test
    void aPinnedCloudThatIsNotEnabledIsStillRefusedWithoutAllClouds() {
        TaskPlan plan = plan(Req.res().cloud("kubernetes").acc("A100", 8), false, Set.of("aws"));
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString().contains("not enabled");
        assertThat(asked).hasValue(0);
    }

    @Test
    void featuresTheCloudLacksAreCheckedBeforeAnyNodeIsShaped() {
        FixtureCloud k8s = new FixtureCloud("kubernetes", "Kubernetes",
                Map.of(dev.sky.optimizer.cloud.CloudFeature.SPOT, "pods have no spot pricing"),
                new Catalog("kubernetes", List.of(), "computed", null), null, false, true, true, 0);
        CloudOffering cloud = CloudOffering.of(k8s, k8s.catalog(), pods);
        Resources spot = Req.res().cloud("kubernetes").acc("A100", 1).spot().build();
        TaskPlan plan = Optimizer.optimize(new PlanRequest(dev.sky.core.task.Pipeline.of(Req.task(1,
                dev.sky.core.task.ResourceChoice.single(spot))), List.of(cloud), Set.of(), true)).tasks().get(0);
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString()
                .isEqualTo("Kubernetes: spot is not supported: pods have no spot pricing");
    }
}
