package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled Azure catalog: anchor prices, accelerators per size, families, no zones. */
class BundledAzureCatalogTest {
    private final Catalog catalog = BundledCatalogsTest.bundled("azure");

    private List<CatalogRow> rows(String size) {
        List<CatalogRow> rows = catalog.rows().stream().filter(r -> r.instanceType().equals(size)).toList();
        assertThat(rows).as(size).isNotEmpty();
        return rows;
    }

    @Test
    void anchorOnDemandPricesInEastUs() {
        Map.of("Standard_NC6s_v3", 3.06, "Standard_D8s_v5", 0.384).forEach((size, price) ->
                assertThat(rows(size)).filteredOn(r -> r.region().equals("eastus")).singleElement()
                        .satisfies(r -> assertThat(r.price()).isEqualTo(price)));
    }

    @Test
    void acceleratorNameAndCountMatchTheSize() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("Standard_NC6s_v3", "V100:1"), Map.entry("Standard_NC24s_v3", "V100:4"),
                Map.entry("Standard_NC4as_T4_v3", "T4:1"), Map.entry("Standard_NC64as_T4_v3", "T4:4"),
                Map.entry("Standard_NC24ads_A100_v4", "A100-80GB:1"), Map.entry("Standard_NC96ads_A100_v4", "A100-80GB:4"),
                Map.entry("Standard_ND96asr_v4", "A100:8"), Map.entry("Standard_ND96amsr_A100_v4", "A100-80GB:8"),
                Map.entry("Standard_NC40ads_H100_v5", "H100:1"), Map.entry("Standard_ND96isr_H100_v5", "H100:8"),
                Map.entry("Standard_NV36ads_A10_v5", "A10:1"), Map.entry("Standard_NV72ads_A10_v5", "A10:2"));
        expected.forEach((size, accelerator) -> assertThat(rows(size)).allSatisfy(r -> assertThat(
                r.acceleratorName() + ":" + (int) r.acceleratorCount()).as(size).isEqualTo(accelerator)));
        assertThat(rows("Standard_NC24ads_A100_v4").get(0).gpuMemoryGb()).isEqualTo(80.0);
    }

    @Test
    void coversTheAskedForFamiliesWithoutZones() {
        for (String pattern : List.of("Standard_D\\d+s_v5", "Standard_E\\d+s_v5", "Standard_F\\d+s_v2",
                "Standard_D\\d+ads_v5", "Standard_NC.*", "Standard_ND.*", "Standard_NV.*")) {
            assertThat(catalog.rows()).as(pattern).anyMatch(r -> r.instanceType().matches(pattern));
        }
        assertThat(catalog.rows()).allSatisfy(r -> assertThat(r.zone()).isNull());
        assertThat(catalog.rows()).filteredOn(r -> r.instanceType().equals("Standard_ND96isr_H100_v5"))
                .as("a size without spot capacity has an empty SpotPrice").allSatisfy(r ->
                        assertThat(r.spotPrice()).isNaN());
    }
}
