package dev.sky.clouds.kubernetes.pods;

import static dev.sky.clouds.kubernetes.pods.PodShapeTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import dev.sky.optimizer.catalog.CatalogRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodOfferingsTest {

    private static final Resources A100 = request(Amount.atLeast(8), null, AcceleratorDemand.of("A100", 1), null);

    @Test
    void oneFreePodPerUsableContextWithoutSpot() {
        List<CatalogRow> rows = new PodOfferings(List.of("dev", "prod")).rowsFor(A100);
        assertThat(rows).extracting(CatalogRow::region).containsExactly("dev", "prod");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.instanceType()).isEqualTo("8CPU--32GB--A100:1");
            assertThat(row.acceleratorName()).isEqualTo("A100");
            assertThat(row.acceleratorCount()).isEqualTo(1.0);
            assertThat(row.vcpus()).isEqualTo(8.0);
            assertThat(row.memoryGb()).isEqualTo(32.0);
            assertThat(row.price()).isZero();
            assertThat(row.spotPrice()).isNaN();
            assertThat(row.zone()).isNull();
        });
    }

    @Test
    void withoutAContextThePodIsInThePinnedContextOrDash() {
        assertThat(new PodOfferings(List.of()).rowsFor(A100)).extracting(CatalogRow::region).containsExactly("-");
        Resources pinned = A100.withInfra(new dev.sky.core.task.Infra("kubernetes", "my-ctx", null));
        assertThat(new PodOfferings(List.of()).rowsFor(pinned)).extracting(CatalogRow::region)
                .containsExactly("my-ctx");
    }

    @Test
    void aRequestThatCannotBeShapedGetsNoRows() {
        assertThat(new PodOfferings(List.of("dev")).rowsFor(request(null, null, null, "m6i.large"))).isEmpty();
    }
}
