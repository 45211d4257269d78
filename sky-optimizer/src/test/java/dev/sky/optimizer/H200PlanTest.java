package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** H200:8 plans on each bundled catalog: p5e/p5en on AWS, a3-ultragpu-8g plus attached H200s on GCP, ND H200 v5. */
class H200PlanTest {

    private static CloudOffering bundled(String id, boolean attachable) {
        Catalog catalog = CatalogLoader.load(id, Path.of("../catalogs", id, "vms.csv"));
        return CloudOffering.of(new FixtureCloud(id, id.toUpperCase(), Map.of(), catalog,
                new DefaultInstancePolicy(List.of("m6i"), Amount.atLeast(8), Amount.perCpu(4)), attachable, true,
                false, 0), catalog);
    }

    private static TaskPlan plan(CloudOffering cloud, Req req) {
        return Optimizer.optimize(PlanRequest.of(req.task(), List.of(cloud), Set.of(cloud.id()))).tasks().get(0);
    }

    @Test
    void awsPlansTheCheaperOfP5eAndP5en() {
        CloudOffering aws = bundled("aws", false);
        TaskPlan plan = plan(aws, Req.res().acc("H200", 8));
        Candidate c = plan.chosen();
        assertThat(c).as(String.valueOf(plan.reasons())).isNotNull();
        assertThat(c.instanceType()).isIn("p5e.48xlarge", "p5en.48xlarge");
        double cheapest = aws.index().accelerator("h200", false).stream().mapToDouble(CatalogRow::price).min()
                .orElseThrow();
        assertThat(c.hourlyCostPerNode()).isEqualTo(cheapest);
        assertThat(plan.candidates()).extracting(Candidate::instanceType).contains("p5e.48xlarge", "p5en.48xlarge");
    }

    @Test
    void gcpPairsH200WithA3UltragpuAndPricesHostPlusGpus() {
        CloudOffering gcp = bundled("gcp", true);
        Candidate c = plan(gcp, Req.res().acc("H200", 8)).chosen();
        assertThat(c.instanceType()).isEqualTo("a3-ultragpu-8g");
        double host = gcp.index().hostRows(c.region(), c.zone(), "a3-ultragpu-8g").get(0).price();
        double gpus = gcp.index().accelerator("H200", true).stream().filter(r -> r.zone().equals(c.zone()))
                .mapToDouble(CatalogRow::price).min().orElseThrow();
        assertThat(c.hourlyCostPerNode()).isCloseTo(host + gpus, within(1e-9));
        assertThat(plan(gcp, Req.res().acc("H200", 4)).reasons()).singleElement().asString()
                .contains("H200:4 cannot be attached");
    }

    @Test
    void gcpAcceptsTheHostTypeAloneAndInfersItsGpus() {
        Candidate c = plan(bundled("gcp", true), Req.res().instanceType("a3-ultragpu-8g")).chosen();
        assertThat(c.acceleratorName()).isEqualTo("H200");
        assertThat(c.acceleratorCount()).isEqualTo(8.0);
    }

    @Test
    void azurePlansTheNdH200V5OnDemandOnly() {
        CloudOffering azure = bundled("azure", false);
        assertThat(plan(azure, Req.res().acc("H200", 8)).chosen().instanceType())
                .isEqualTo("Standard_ND96isr_H200_v5");
        assertThat(plan(azure, Req.res().acc("H200", 8).spot()).chosen()).isNull();
    }
}
