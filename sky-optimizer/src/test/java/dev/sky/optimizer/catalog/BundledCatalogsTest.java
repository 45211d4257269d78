package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties every bundled catalog must have, read from the repository's catalogs/ folder. */
class BundledCatalogsTest {

    static Catalog bundled(String cloud) {
        return CatalogLoader.load(cloud, Path.of("../catalogs", cloud, "vms.csv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp", "azure"})
    void spotIsCheaperThanOnDemandWhereverBothAreOffered(String cloud) {
        Catalog catalog = bundled(cloud);
        assertThat(catalog.rows()).isNotEmpty();
        assertThat(catalog.rows()).allSatisfy(r -> {
            assertThat(r.price()).as("on-demand price of %s in %s", r, r.region()).isPositive();
            if (!Double.isNaN(r.spotPrice())) {
                assertThat(r.spotPrice()).as("spot of %s", r).isPositive().isLessThan(r.price());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp", "azure"})
    void coversAtLeastSixRegions(String cloud) {
        Set<String> regions = bundled(cloud).rows().stream().map(CatalogRow::region).collect(Collectors.toSet());
        assertThat(regions).hasSizeGreaterThanOrEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp", "azure"})
    void isDatedInAHeaderComment(String cloud) throws IOException {
        String firstLine = Files.readAllLines(Path.of("../catalogs", cloud, "vms.csv")).get(0);
        assertThat(firstLine).startsWith("# sky bundled ").contains("as of");
        assertThat(bundled(cloud).date()).matches("20\\d\\d-[01]\\d-[0-3]\\d");
        assertThat(firstLine).contains(bundled(cloud).date());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp", "azure"})
    void everyRowOfAnInstanceTypeDescribesTheSameMachine(String cloud) {
        Map<String, Set<String>> shapes = bundled(cloud).rows().stream().filter(r -> !r.attachable())
                .collect(Collectors.groupingBy(CatalogRow::instanceType, Collectors.mapping(
                        r -> r.vcpus() + "/" + r.memoryGb() + "/" + r.acceleratorName() + ":" + r.acceleratorCount()
                                + "/" + r.gpuMemoryGb(), Collectors.toSet())));
        assertThat(shapes).allSatisfy((type, seen) -> assertThat(seen).as(type).hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp"})
    void zonesBelongToTheirRegion(String cloud) {
        String separator = cloud.equals("gcp") ? "-" : "";
        assertThat(bundled(cloud).rows()).allSatisfy(r -> {
            assertThat(r.zone()).as("zone of %s", r).isNotNull();
            assertThat(r.zone()).matches(java.util.regex.Pattern.quote(r.region() + separator) + "[a-z]");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "gcp", "azure"})
    void imageAliasesCoverEveryRegion(String cloud) {
        ImageCatalog images = ImageCatalogLoader.load(cloud, Path.of("../catalogs", cloud, "images.csv"));
        Set<String> regions = new TreeSet<>();
        bundled(cloud).rows().forEach(r -> regions.add(r.region()));
        assertThat(regions).allSatisfy(region ->
                assertThat(images.imageId("skypilot:cpu-ubuntu-2204", region)).as(region).isPresent());
        assertThat(images.aliases()).allSatisfy(a -> {
            switch (cloud) {
                case "aws" -> assertThat(a.imageId()).startsWith("resolve:ssm:/aws/service/");
                case "gcp" -> assertThat(a.imageId()).matches("projects/[a-z0-9-]+/global/images/family/[a-z0-9-]+");
                default -> assertThat(a.imageId()).matches("[^:]+:[^:]+:[^:]+:latest");
            }
        });
    }
}
