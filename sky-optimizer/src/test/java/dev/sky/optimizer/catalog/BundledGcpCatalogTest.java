package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled GCP catalog in SkyPilot's model: host VM rows without accelerators, attachable GPU and TPU rows with
 * an empty instance type, and a2/a3/g2 hosts found in the zones of the GPUs SkyPilot pairs them with.
 */
class BundledGcpCatalogTest {
    private final Catalog catalog = BundledCatalogsTest.bundled("gcp");

    /** SkyPilot's pairing of fixed-GPU hosts with the accelerator rows that price their GPUs. */
    private static final Map<String, String> HOST_GPUS = Map.ofEntries(
            Map.entry("a2-highgpu-1g", "A100:1"), Map.entry("a2-highgpu-2g", "A100:2"),
            Map.entry("a2-highgpu-4g", "A100:4"), Map.entry("a2-highgpu-8g", "A100:8"),
            Map.entry("a2-megagpu-16g", "A100:16"), Map.entry("a2-ultragpu-1g", "A100-80GB:1"),
            Map.entry("a2-ultragpu-8g", "A100-80GB:8"), Map.entry("a3-highgpu-8g", "H100:8"),
            Map.entry("a3-highgpu-1g", "H100:1"), Map.entry("a3-ultragpu-8g", "H200:8"),
            Map.entry("g2-standard-4", "L4:1"), Map.entry("g2-standard-24", "L4:2"),
            Map.entry("g2-standard-48", "L4:4"), Map.entry("g2-standard-96", "L4:8"));

    private Set<String> attachableAt(String zone) {
        return catalog.rows().stream().filter(r -> r.attachable() && zone.equals(r.zone()))
                .map(r -> r.acceleratorName() + ":" + (int) r.acceleratorCount()).collect(Collectors.toSet());
    }

    @Test
    void hostRowsPriceTheVmAloneAndTheirGpusAreAttachableInTheSameZone() {
        HOST_GPUS.forEach((host, gpus) -> {
            List<CatalogRow> hosts = catalog.rows().stream().filter(r -> r.instanceType().equals(host)).toList();
            assertThat(hosts).as(host).isNotEmpty().allSatisfy(r -> {
                assertThat(r.hasAccelerator()).as("host row %s", host).isFalse();
                assertThat(attachableAt(r.zone())).as("%s in %s", host, r.zone()).contains(gpus);
            });
        });
        CatalogRow a2 = catalog.rows().stream().filter(r -> r.instanceType().equals("a2-highgpu-8g")).findFirst()
                .orElseThrow();
        assertThat(a2.vcpus()).isEqualTo(96.0);
        assertThat(a2.memoryGb()).isEqualTo(680.0);
    }

    @Test
    void attachableRowsHaveNoInstanceTypeAndCarryDeviceMemory() {
        List<CatalogRow> attachable = catalog.rows().stream().filter(CatalogRow::attachable).toList();
        assertThat(attachable).isNotEmpty().allSatisfy(r -> {
            assertThat(r.instanceType()).isEmpty();
            assertThat(r.acceleratorName()).isNotBlank();
            assertThat(r.acceleratorCount()).isPositive();
        });
        Map<String, Double> memory = Map.of("T4", 16.0, "V100", 16.0, "P100", 16.0, "P4", 8.0, "A100", 40.0,
                "A100-80GB", 80.0, "H100", 80.0, "L4", 24.0);
        memory.forEach((gpu, gb) -> assertThat(attachable).filteredOn(r -> r.acceleratorName().equals(gpu))
                .as(gpu).isNotEmpty().allSatisfy(r -> assertThat(r.gpuMemoryGb()).isEqualTo(gb)));
    }

    @Test
    void tpusAreAttachableRowsNamedAsSkyPilotNamesThem() {
        Set<String> tpus = catalog.rows().stream().filter(r -> r.acceleratorName() != null
                && r.acceleratorName().startsWith("tpu-")).map(CatalogRow::acceleratorName).collect(Collectors.toSet());
        assertThat(tpus).contains("tpu-v2-8", "tpu-v3-8", "tpu-v4-8", "tpu-v5litepod-1", "tpu-v5litepod-8",
                "tpu-v5p-8", "tpu-v6e-1", "tpu-v6e-8");
        assertThat(tpus).allSatisfy(t -> assertThat(t).matches("tpu-(v2|v3|v4|v5litepod|v5p|v6e)-\\d+"));
        assertThat(catalog.rows()).filteredOn(r -> tpus.contains(r.acceleratorName()))
                .allSatisfy(r -> {
                    assertThat(r.attachable()).isTrue();
                    assertThat(r.acceleratorCount()).isEqualTo(1.0);
                });
    }

    @Test
    void n1HostsLiveWhereAttachableT4sAre() {
        Set<String> n1Zones = catalog.rows().stream().filter(r -> r.instanceType().startsWith("n1-standard-"))
                .map(CatalogRow::zone).collect(Collectors.toSet());
        assertThat(catalog.rows()).filteredOn(r -> "T4".equals(r.acceleratorName()))
                .isNotEmpty().allSatisfy(r -> assertThat(n1Zones).contains(r.zone()));
    }

    @Test
    void coversTheAskedForFamilies() {
        Set<String> families = catalog.rows().stream().filter(r -> !r.attachable())
                .map(r -> DefaultFamily.of(r.instanceType())).collect(Collectors.toSet());
        assertThat(families).containsAll(List.of("n1-standard", "n1-highmem", "n1-highcpu", "a2-highgpu",
                "a2-ultragpu", "a3-highgpu", "g2-standard", "n2-standard", "n2-highmem", "n2-highcpu", "n4-standard",
                "n4-highmem", "n4-highcpu", "e2-standard"));
    }

    /** {@code n2-standard} from {@code n2-standard-8}. */
    private static final class DefaultFamily {
        static String of(String instanceType) {
            return instanceType.substring(0, instanceType.lastIndexOf('-'));
        }
    }
}
