package dev.sky.optimizer;

import static dev.sky.optimizer.Req.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A region candidate lists the zones failover may try one by one: those offering its instance, cheapest first. */
class RegionZonesTest {

    @Test
    void regionCandidatesListTheirZonesAndZonalOnesNone() {
        TaskPlan p = PlanAssert.plan(res().acc("T4", 1).task());
        assertThat(p.candidates()).extracting(Candidate::cloud, Candidate::region, Candidate::zone,
                Candidate::zones).startsWith(
                        tuple("aws", "us-east-1", null, List.of("us-east-1a", "us-east-1b")),
                        tuple("aws", "us-west-2", null, List.of("us-west-2a")))
                .contains(tuple("gcp", "us-central1", "us-central1-a", List.of()));
    }

    @Test
    void zonesGoCheapestFirstAndKeepCatalogOrderOnEqualPrices() {
        List<CatalogRow> rows = List.of(
                row("m.large", 0.12, "r1", "r1-a"), row("m.large", 0.10, "r1", "r1-d"),
                row("m.large", 0.10, "r1", "r1-b"), row("m.small", 0.01, "r1", "r1-c"),
                row("m.large", 0.11, "r2", "r2-a"));
        Catalog catalog = new Catalog("aws", rows, "test", "now");
        CloudOffering cloud = CloudOffering.of(new FixtureCloud("aws", "AWS", Map.of(), catalog,
                new DefaultInstancePolicy(List.of("m"), Amount.atLeast(1), Amount.perCpu(1)), false, true, false, 0),
                catalog);

        TaskPlan p = Optimizer.optimize(PlanRequest.of(Req.task(2, Req.anyOf(res().instanceType("m.large"))),
                List.of(cloud), Set.of("aws"))).tasks().get(0);

        assertThat(p.candidates()).extracting(Candidate::region, Candidate::zone, Candidate::zones, Candidate::numNodes)
                .containsExactly(tuple("r1", null, List.of("r1-d", "r1-b", "r1-a"), 2),
                        tuple("r2", null, List.of("r2-a"), 2));
    }

    private static CatalogRow row(String type, double price, String region, String zone) {
        return new CatalogRow(type, null, 0, 2, 8, Double.NaN, null, price, Double.NaN, region, zone);
    }
}
