package dev.sky.optimizer;

import static dev.sky.optimizer.PlanAssert.ALL_ENABLED;
import static dev.sky.optimizer.PlanAssert.assertChosen;
import static dev.sky.optimizer.PlanAssert.assertInfeasible;
import static dev.sky.optimizer.PlanAssert.plan;
import static dev.sky.optimizer.PlanAssert.planPipeline;
import static dev.sky.optimizer.Req.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.task.Amount;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.Egress;
import dev.sky.optimizer.plan.Plan;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Choices between options, the local cloud's rules, reasons when nothing fits, and pipelines with egress. */
class OptimizerChoiceTest {

    @Test
    void acceleratorSetPicksTheCheapestOption() {
        // {V100:1, T4:1, A10G:1}: V100 2.9532 (GCP), T4 0.526 (AWS), A10G 1.006.
        TaskPlan p = plan(Req.task(1, Req.anyOf(res().acc("V100", 1), res().acc("T4", 1), res().acc("A10G", 1))));
        assertThat(assertChosen(p, "aws", "us-east-1", null, "g4dn.xlarge", 0.526).choiceIndex()).isEqualTo(1);
    }

    @Test
    void orderedFallsThroughToTheFirstFeasibleOption() {
        // A100:3 fits nowhere; V100:1 does (2.9532), so it wins over the cheaper T4 listed after it.
        TaskPlan p = plan(Req.task(1, Req.ordered(res().acc("A100", 3), res().acc("V100", 1), res().acc("T4", 1))));
        assertThat(assertChosen(p, "gcp", "us-central1", "us-central1-a", "n1-highmem-8", 2.9532).choiceIndex())
                .isEqualTo(1);
        // Failover order: every V100 placement before any T4 one.
        assertThat(p.candidates()).extracting(Candidate::choiceIndex).isSortedAccordingTo(Integer::compare);
        assertThat(p.candidates()).extracting(Candidate::choiceIndex).contains(2);
    }

    @Test
    void orderedKeepsAFeasibleFirstChoiceEvenWhenDearer() {
        TaskPlan p = plan(Req.task(1, Req.ordered(res().acc("V100", 1), res().acc("T4", 1))));
        assertThat(assertChosen(p, "gcp", "us-central1", "us-central1-a", "n1-highmem-8", 2.9532).choiceIndex())
                .isZero();
    }

    @Test
    void anyOfWithPinnedCloudsPicksTheCheapestPin() {
        // gcp n2-standard-4 0.1942 vs aws m6i.xlarge 0.192.
        TaskPlan p = plan(Req.task(1, Req.anyOf(res().cloud("gcp").cpus(Amount.atLeast(4)),
                res().cloud("aws").cpus(Amount.atLeast(4)))));
        assertThat(assertChosen(p, "aws", "us-east-1", null, "m6i.xlarge", 0.192).choiceIndex()).isEqualTo(1);
    }

    @Test
    void candidatesAreBestFirstPerRegionOnDemandAndPerZoneOnGcp() {
        TaskPlan p = plan(res().acc("T4", 1).task());
        assertThat(p.candidates())
                .extracting(Candidate::cloud, Candidate::region, Candidate::zone, Candidate::hourlyCostPerNode)
                .containsExactly(
                        tuple("aws", "us-east-1", null, 0.526),
                        tuple("aws", "us-west-2", null, 0.526),
                        tuple("azure", "eastus", null, 0.526),
                        tuple("gcp", "us-central1", "us-central1-a", 0.2366 + 0.35),
                        tuple("gcp", "us-central1", "us-central1-b", 0.2366 + 0.35),
                        tuple("azure", "westeurope", null, 0.60),
                        tuple("gcp", "europe-west4", "europe-west4-a", 0.26 + 0.35));
    }

    @Test
    void consideredTableHasTheBestRowPerCloudAcceleratorAndSpot() {
        TaskPlan p = plan(Req.task(1, Req.anyOf(res().acc("T4", 1), res().acc("V100", 1))));
        assertThat(p.bestPerGroup())
                .extracting(Candidate::cloud, Candidate::acceleratorName, Candidate::hourlyCostPerNode)
                .containsExactly(
                        tuple("aws", "T4", 0.526),
                        tuple("azure", "T4", 0.526),
                        tuple("gcp", "T4", 0.5866),
                        tuple("gcp", "V100", 2.9532),
                        tuple("aws", "V100", 3.06));
    }

    @Test
    void localIsLeftOutWhileAnotherCloudIsEnabled() {
        // Local costs $0 and would win; it is used only when pinned or alone.
        assertChosen(plan(res().task()), "aws", "us-east-1", null, "m6i.2xlarge", 0.384);
    }

    @Test
    void localIsChosenWhenItIsTheOnlyEnabledCloudWithNoDefaults() {
        Candidate c = assertChosen(plan(res().task(), Set.of("local")), "local", "local", null, "local", 0);
        assertThat(c.vcpus()).isEqualTo(16);
    }

    @Test
    void localIsChosenWhenPinned() {
        assertChosen(plan(res().cloud("local").cpus(Amount.exact(4)).task()), "local", "local", null, "local", 0);
    }

    @Test
    void allCloudsPlansOverDisabledCloudsButNotLocal() {
        Plan p = Optimizer.optimize(PlanRequest.of(res().task(), Fixture.CLOUDS, Set.of("local")).withAllClouds(true));
        assertChosen(p.tasks().get(0), "aws", "us-east-1", null, "m6i.2xlarge", 0.384);
    }

    @Test
    void localWithoutGpuSaysSo() {
        assertInfeasible(plan(res().cloud("local").acc("T4", 1).task()), "Local: this machine has no GPU");
    }

    @Test
    void localCapacityIsTheMachine() {
        assertInfeasible(plan(res().cloud("local").cpus(Amount.exact(32)).task()), "Local: no node has cpus=32");
    }

    @Test
    void declaredUnsupportedFeaturesFilterWithTheirReason() {
        assertInfeasible(plan(res().cloud("azure").acc("T4", 1).spot().task()),
                "Azure: spot is not supported: " + Fixture.AZURE_NO_SPOT);
        assertInfeasible(plan(res().cloud("local").diskTier("high").task()),
                "Local: disk_tier: high is not supported: " + Fixture.LOCAL_NO_DISK_TIER);
    }

    @Test
    void pinnedCloudThatIsNotEnabledNamesTheCloudAndSkyCheck() {
        Task t = res().cloud("gcp").acc("T4", 1).task();
        TaskPlan p = plan(t, Set.of("aws", "local"));
        assertInfeasible(p, "GCP: the task asks for gcp, which is not enabled; run `sky check gcp` to enable it");
        // A caller that loads only the enabled clouds gets the same advice.
        TaskPlan withoutGcp = Optimizer.optimize(PlanRequest.of(t, List.of(Fixture.cloud("aws")), Set.of("aws")))
                .tasks().get(0);
        assertInfeasible(withoutGcp, "gcp: the task asks for gcp, which is not enabled; run `sky check gcp`");
        Plan all = Optimizer.optimize(PlanRequest.of(t, Fixture.CLOUDS, Set.of("aws")).withAllClouds(true));
        assertChosen(all.tasks().get(0), "gcp", "us-central1", "us-central1-a", "n1-highmem-4", 0.5866);
    }

    @Test
    void countMismatchListsWhatIsOfferedAndTheNearestOfferings() {
        TaskPlan p = plan(res().acc("A100", 3).task());
        assertInfeasible(p, "AWS: no instance type has 3 A100 (offered: A100:8)",
                "GCP: A100:3 cannot be attached (offered: A100:1, A100:8)",
                "Azure: no instance type has 3 A100 (offered: A100:8)");
        // Names containing A100 with at least 3: A100:8 (cheapest GCP attachable 23.47), A100-80GB:8 (40.97).
        assertThat(p.alternatives()).containsExactly("A100:8", "A100-80GB:8");
    }

    @Test
    void unknownAcceleratorSuggestsSimilarNames() {
        TaskPlan p = plan(res().acc("A10", 1).task());
        assertInfeasible(p, "AWS: does not offer A10", "GCP: does not offer A10");
        assertThat(p.alternatives()).first().isEqualTo("A10G:1");
    }

    @Test
    void unknownRegionListsTheRegionsThatHaveIt() {
        assertInfeasible(plan(res().infra("aws", "ap-south-1", null).acc("V100", 1).task()),
                "AWS: V100:1 is not offered in region ap-south-1 (offered in: eu-west-1, us-east-1, us-west-2)");
    }

    @Test
    void noSpotPriceIsAReason() {
        assertInfeasible(plan(res().cloud("aws").acc("H100", 8).spot().task()), "AWS: H100:8 has no spot price");
    }

    @Test
    void pipelineKeepsDataOnItsCloudWhenEgressCostsMore() {
        // The consumer alone would take aws m6i.xlarge 0.192, but 100 GB out of GCP costs 12 > 0.0022.
        Task producer = Req.withData(res().cloud("gcp").cpus(Amount.exact(4)).task(), Map.of(),
                Map.of("gs://bucket/out", 100.0));
        Plan p = planPipeline(ALL_ENABLED, producer, res().cpus(Amount.exact(4)).task());
        assertChosen(p.tasks().get(1), "gcp", "us-central1", "us-central1-a", "n2-standard-4", 0.1942);
        assertThat(p.egress()).isEmpty();
        assertThat(p.hourlyCost()).isCloseTo(2 * 0.1942, within(1e-9));
    }

    @Test
    void pipelineMovesWhenEgressIsCheap() {
        // 0.01 GB x 0.12 = 0.0012: aws 0.192 + 0.0012 < gcp 0.1942.
        Task producer = Req.withData(res().cloud("gcp").cpus(Amount.exact(4)).task(), Map.of(),
                Map.of("gs://bucket/out", 0.01));
        Plan p = planPipeline(ALL_ENABLED, producer, res().cpus(Amount.exact(4)).task());
        assertChosen(p.tasks().get(1), "aws", "us-east-1", null, "m6i.xlarge", 0.192);
        assertThat(p.egress()).singleElement().satisfies(e -> {
            assertThat(e).extracting(Egress::fromTask, Egress::toTask, Egress::fromCloud, Egress::toCloud)
                    .containsExactly(0, 1, "gcp", "aws");
            assertThat(e.cost()).isCloseTo(0.0012, within(1e-12));
        });
    }

    @Test
    void pipelineDynamicProgrammingLooksAhead() {
        // Greedy would put the producer on aws (0.192), then pay 100 GB x 0.09 = 9 to reach the pinned consumer.
        Task producer = Req.withData(res().cpus(Amount.exact(4)).task(), Map.of(), Map.of("s3://b/out", 100.0));
        Plan p = planPipeline(ALL_ENABLED, producer, res().cloud("gcp").cpus(Amount.exact(4)).task());
        assertChosen(p.tasks().get(0), "gcp", "us-central1", "us-central1-a", "n2-standard-4", 0.1942);
        assertThat(p.egressCost()).isZero();
    }

    @Test
    void inputBucketsPullATaskToTheirCloud() {
        // aws 0.192 + 10 GB x 0.12 out of GCP = 1.392 > gcp 0.1942.
        Task t = Req.withData(res().cpus(Amount.exact(4)).task(), Map.of("gs://data", 10.0), Map.of());
        Plan p = planPipeline(ALL_ENABLED, t);
        assertChosen(p.tasks().get(0), "gcp", "us-central1", "us-central1-a", "n2-standard-4", 0.1942);
        assertThat(p.egress()).isEmpty();
    }

    @Test
    void anInfeasibleTaskMakesThePlanInfeasibleButKeepsTheOthers() {
        Plan p = planPipeline(ALL_ENABLED, res().cpus(Amount.exact(4)).task(), res().acc("A100", 3).task());
        assertThat(p.feasible()).isFalse();
        assertThat(p.hourlyCost()).isNaN();
        assertChosen(p.tasks().get(0), "aws", "us-east-1", null, "m6i.xlarge", 0.192);
        assertThat(p.tasks().get(1).reasons()).isNotEmpty();
    }

    @Test
    void theSameRequestGivesTheSamePlan() {
        Task t = Req.task(1, Req.anyOf(res().acc("T4", 1), res().cpus(Amount.atLeast(4)), res().acc("A100", 8)));
        assertThat(plan(t)).isEqualTo(plan(t));
    }
}
