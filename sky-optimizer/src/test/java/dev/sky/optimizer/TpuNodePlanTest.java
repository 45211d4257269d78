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

/**
 * TPU nodes ({@code accelerator_args.tpu_vm: false}) on the bundled GCP catalog: the TPU sits beside an n1 host VM
 * in the same zone and the price is host plus TPU, as SkyPilot plans them; TPU VMs keep needing no host.
 */
class TpuNodePlanTest {

    private static final CloudOffering GCP = gcp();

    private static CloudOffering gcp() {
        Catalog catalog = CatalogLoader.load("gcp", Path.of("../catalogs", "gcp", "vms.csv"));
        return CloudOffering.of(new FixtureCloud("gcp", "GCP", Map.of(), catalog,
                new DefaultInstancePolicy(List.of("n2-standard"), Amount.atLeast(8), Amount.perCpu(4)), true, true,
                false, 0), catalog);
    }

    private static TaskPlan plan(Req req) {
        return Optimizer.optimize(PlanRequest.of(req.task(), List.of(GCP), Set.of("gcp"))).tasks().get(0);
    }

    private static double price(String instanceType, String accelerator, String zone) {
        return GCP.index().rows().stream()
                .filter(r -> r.instanceType().equals(instanceType) && zone.equals(r.zone())
                        && (accelerator == null || accelerator.equals(r.acceleratorName())))
                .mapToDouble(CatalogRow::price).min().orElseThrow();
    }

    @Test
    void aTpuNodeWithANamedHostIsPricedAsHostPlusTpuInAZoneThatHasBoth() {
        TaskPlan plan = plan(Req.res().instanceType("n1-highmem-8").acc("tpu-v2-8", 1).tpuVm(false));
        Candidate c = plan.chosen();
        assertThat(c).as(String.valueOf(plan.reasons())).isNotNull();
        assertThat(c.instanceType()).isEqualTo("n1-highmem-8");
        assertThat(c.acceleratorName()).isEqualTo("tpu-v2-8");
        assertThat(c.vcpus()).isEqualTo(8.0);
        assertThat(c.hourlyCostPerNode()).isCloseTo(price("n1-highmem-8", null, c.zone())
                + price("", "tpu-v2-8", c.zone()), within(1e-9));
        assertThat(c.hourlyCostPerNode()).isGreaterThan(price("", "tpu-v2-8", c.zone()));
        assertThat(plan.candidates()).allSatisfy(o -> assertThat(o.zone()).isIn("us-central1-b", "us-central1-c",
                "us-central1-f", "europe-west4-a", "asia-east1-c"));
    }

    @Test
    void aTpuNodeWithoutAHostGetsTheCheapestN1HostWithEightVcpusAndFourGbEach() {
        TaskPlan plan = plan(Req.res().acc("tpu-v3-8", 1).tpuVm(false));
        assertThat(plan.chosen()).as(String.valueOf(plan.reasons())).isNotNull();
        assertThat(plan.chosen().instanceType()).isEqualTo("n1-highmem-8");
        assertThat(plan.chosen().acceleratorName()).isEqualTo("tpu-v3-8");
    }

    @Test
    void aTpuVmStillNeedsNoHost() {
        TaskPlan plan = plan(Req.res().acc("tpu-v2-8", 1));
        assertThat(plan.chosen().instanceType()).isEqualTo("TPU-VM");
        assertThat(plan.chosen().hourlyCostPerNode()).isEqualTo(price("", "tpu-v2-8", plan.chosen().zone()));
    }

    @Test
    void aHostTypeForATpuVmPointsAtTpuVmFalse() {
        TaskPlan plan = plan(Req.res().instanceType("n1-highmem-8").acc("tpu-v2-8", 1));
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString().contains("runs on a TPU VM, not n1-highmem-8")
                .contains("accelerator_args.tpu_vm: false");
    }

    @Test
    void aTpuNodeAttachesOnlyToN1Hosts() {
        TaskPlan plan = plan(Req.res().instanceType("n2-standard-8").acc("tpu-v2-8", 1).tpuVm(false));
        assertThat(plan.chosen()).isNull();
        assertThat(plan.reasons()).singleElement().asString()
                .isEqualTo("GCP: tpu-v2-8:1 attaches only to n1 hosts, not n2-standard-8");
    }
}
