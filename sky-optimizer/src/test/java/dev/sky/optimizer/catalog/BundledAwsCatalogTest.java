package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled AWS catalog: anchor prices, accelerator counts per instance type, families, zone names. */
class BundledAwsCatalogTest {
    private final Catalog catalog = BundledCatalogsTest.bundled("aws");

    private List<CatalogRow> rows(String instanceType, String region) {
        List<CatalogRow> rows = catalog.rows().stream()
                .filter(r -> r.instanceType().equals(instanceType) && r.region().equals(region)).toList();
        assertThat(rows).as("%s in %s", instanceType, region).isNotEmpty();
        return rows;
    }

    @Test
    void anchorOnDemandPricesInUsEast1() {
        Map<String, Double> anchors = Map.of("p3.2xlarge", 3.06, "g4dn.xlarge", 0.526, "m6i.2xlarge", 0.384);
        anchors.forEach((type, price) -> assertThat(rows(type, "us-east-1"))
                .allSatisfy(r -> assertThat(r.price()).as(type).isEqualTo(price)));
    }

    @Test
    void acceleratorNameAndCountMatchTheInstanceType() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("p3.2xlarge", "V100:1"), Map.entry("p3.8xlarge", "V100:4"), Map.entry("p3.16xlarge", "V100:8"),
                Map.entry("p4d.24xlarge", "A100:8"), Map.entry("p4de.24xlarge", "A100-80GB:8"),
                Map.entry("p5.48xlarge", "H100:8"), Map.entry("p5.4xlarge", "H100:1"),
                Map.entry("g4dn.xlarge", "T4:1"), Map.entry("g4dn.12xlarge", "T4:4"), Map.entry("g4dn.metal", "T4:8"),
                Map.entry("g5.xlarge", "A10G:1"), Map.entry("g5.12xlarge", "A10G:4"), Map.entry("g5.48xlarge", "A10G:8"),
                Map.entry("g6.xlarge", "L4:1"), Map.entry("g6.48xlarge", "L4:8"), Map.entry("g6e.12xlarge", "L40S:4"),
                Map.entry("inf2.xlarge", "Inferentia2:1"), Map.entry("inf2.48xlarge", "Inferentia2:12"),
                Map.entry("trn1.2xlarge", "Trainium:1"), Map.entry("trn1.32xlarge", "Trainium:16"));
        expected.forEach((type, accelerator) -> {
            List<CatalogRow> rows = catalog.rows().stream().filter(r -> r.instanceType().equals(type)).toList();
            assertThat(rows).as(type).isNotEmpty().allSatisfy(r -> assertThat(
                    r.acceleratorName() + ":" + (int) r.acceleratorCount()).as(type).isEqualTo(accelerator));
        });
        CatalogRow p3 = rows("p3.2xlarge", "us-east-1").get(0);
        assertThat(p3.gpuMemoryGb()).isEqualTo(16.0);
        assertThat(p3.gpuManufacturer()).isEqualTo("NVIDIA");
        assertThat(p3.vcpus()).isEqualTo(8.0);
        assertThat(p3.memoryGb()).isEqualTo(61.0);
        assertThat(rows("p4de.24xlarge", "us-east-1").get(0).gpuMemoryGb()).isEqualTo(80.0);
        assertThat(rows("trn1.32xlarge", "us-east-1").get(0).gpuManufacturer()).isEqualTo("AWS");
    }

    @Test
    void cpuTypesHaveNoAccelerator() {
        assertThat(catalog.rows()).filteredOn(r -> r.instanceType().matches("(m5|m6i|m6id|m7i|c6i|c6id|c7i|r6i|r6id|r7i|t3)\\..*"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.hasAccelerator()).isFalse();
                    assertThat(r.gpuMemoryGb()).isNaN();
                });
    }

    @Test
    void coversTheAskedForFamilies() {
        Set<String> families = catalog.rows().stream()
                .map(r -> r.instanceType().substring(0, r.instanceType().indexOf('.'))).collect(Collectors.toSet());
        assertThat(families).containsAll(List.of("p3", "p4d", "p4de", "p5", "g4dn", "g5", "g6", "g6e", "inf2", "trn1",
                "m6i", "m6id", "m7i", "c6i", "c6id", "c7i", "r6i", "r6id", "r7i", "m5", "t3"));
    }

    @Test
    void usesZoneNamesNotZoneIds() {
        assertThat(catalog.rows()).allSatisfy(r -> assertThat(r.zone()).doesNotMatch("[a-z]+\\d-az\\d+"));
        Set<String> usEast1 = catalog.rows().stream().filter(r -> r.region().equals("us-east-1"))
                .map(CatalogRow::zone).collect(Collectors.toSet());
        assertThat(usEast1).contains("us-east-1a", "us-east-1b");
    }
}
