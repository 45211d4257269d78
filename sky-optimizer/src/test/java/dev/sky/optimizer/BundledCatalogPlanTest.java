package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.match.AttachableHostRules;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogs (repository folder catalogs/) and the optimizer agree: every accelerator a catalog offers
 * can be planned, on GCP with a host the pairing rules allow and priced as host plus accelerator.
 */
class BundledCatalogPlanTest {

    private static final Amount EIGHT_PLUS = Amount.atLeast(8);
    private static final Amount FOUR_X = Amount.perCpu(4);

    private static CloudOffering bundled(String id, boolean attachable) {
        Catalog catalog = CatalogLoader.load(id, Path.of("../catalogs", id, "vms.csv"));
        return CloudOffering.of(new FixtureCloud(id, id.toUpperCase(), Map.of(), catalog,
                new DefaultInstancePolicy(List.of("m6i", "n2-standard"), EIGHT_PLUS, FOUR_X), attachable, true,
                false, 0), catalog);
    }

    @Test
    void everyGcpAcceleratorPlansOnAnAllowedHostPricedAsHostPlusAccelerator() {
        CloudOffering gcp = bundled("gcp", true);
        Set<String> demands = new TreeSet<>();
        gcp.index().rows().stream().filter(CatalogRow::attachable)
                .forEach(r -> demands.add(r.acceleratorName() + ":" + (int) r.acceleratorCount()));
        assertThat(demands).contains("T4:1", "A100:8", "L4:1");
        for (String d : demands) {
            String[] parts = d.split(":");
            TaskPlan plan = plan(gcp, Req.res().acc(parts[0], Integer.parseInt(parts[1])));
            Candidate c = plan.chosen();
            assertThat(c).as(d + " reasons " + plan.reasons()).isNotNull();
            AttachableHostRules.Rule rule = AttachableHostRules.forAccelerator(parts[0], Integer.parseInt(parts[1]));
            if (rule instanceof AttachableHostRules.NoHost) {
                assertThat(c.instanceType()).as(d).isEqualTo("TPU-VM");
                continue;
            }
            if (rule instanceof AttachableHostRules.FixedHosts fixed) {
                assertThat(fixed.instanceTypes()).as(d).contains(c.instanceType());
            } else {
                assertThat(c.instanceType()).as(d).startsWith("n1-");
            }
            double host = priceAt(gcp, c.instanceType(), null, c.zone());
            double acc = priceAt(gcp, "", d, c.zone());
            assertThat(c.hourlyCostPerNode()).as(d).isCloseTo(host + acc, within(1e-9));
        }
    }

    @Test
    void everyAwsAcceleratorPlansAtItsCheapestRow() {
        CloudOffering aws = bundled("aws", false);
        for (CatalogRow row : aws.index().rows()) {
            if (!row.hasAccelerator()) {
                continue;
            }
            double cheapest = aws.index().rows().stream()
                    .filter(r -> row.acceleratorName().equals(r.acceleratorName())
                            && r.acceleratorCount() == row.acceleratorCount())
                    .mapToDouble(CatalogRow::price).min().orElseThrow();
            TaskPlan plan = plan(aws, Req.res().acc(row.acceleratorName(), row.acceleratorCount()));
            assertThat(plan.chosen()).as(row.toString()).isNotNull();
            assertThat(plan.chosen().hourlyCostPerNode()).as(row.toString()).isEqualTo(cheapest);
        }
    }

    private static TaskPlan plan(CloudOffering cloud, Req req) {
        return Optimizer.optimize(PlanRequest.of(req.task(), List.of(cloud), Set.of(cloud.id()))).tasks().get(0);
    }

    private static double priceAt(CloudOffering cloud, String type, String acc, String zone) {
        return cloud.index().rows().stream()
                .filter(r -> r.instanceType().equals(type) && zone.equals(r.zone())
                        && (acc == null || acc.equals(r.acceleratorName() + ":" + (int) r.acceleratorCount())))
                .mapToDouble(CatalogRow::price).min().orElseThrow();
    }
}
