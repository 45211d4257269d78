package dev.sky.cli.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuQueryTest {
    static final double NaN = Double.NaN;

    static CatalogRow row(String type, String acc, double n, double price, double spot, String region) {
        return new CatalogRow(type, acc, n, type.isEmpty() ? NaN : 8, type.isEmpty() ? NaN : 61, 16, "NVIDIA", price,
                spot, region, region + "a");
    }

    static final GpuQuery QUERY = new GpuQuery(List.of(
            new CloudCatalog("aws", "AWS", new Catalog("aws", List.of(
                    row("p3.2xlarge", "V100", 1, 3.06, 0.9, "us-east-1"),
                    row("p3.2xlarge", "V100", 1, 3.30, 1.0, "eu-west-1"),
                    row("p3.8xlarge", "V100", 4, 12.24, 3.6, "us-east-1"),
                    row("m6i.large", null, 0, 0.1, 0.05, "us-east-1")), "test", null)),
            new CloudCatalog("gcp", "GCP", new Catalog("gcp", List.of(
                    row("", "V100", 1, 2.48, 1.2, "us-central1"),
                    row("", "tpu-v4-8", 1, 12.88, NaN, "us-central2"),
                    row("", "V100-32GB", 1, 2.9, NaN, "us-central1")), "test", null))));

    @Test
    void quantitiesAreUnitedAcrossClouds() {
        var q = QUERY.quantities(null);
        assertThat(q.keySet()).containsExactly("tpu-v4-8", "V100", "V100-32GB");
        assertThat(q.get("V100")).containsExactly(1.0, 4.0);
        assertThat(QUERY.quantities("eu-west-1").get("V100")).containsExactly(1.0);
    }

    @Test
    void offersKeepTheCheapestRegionAndOrderCloudsByTheirCheapestOffer() {
        Map<String, List<GpuOffer>> offers = QUERY.offers("v100", null, null, false);
        assertThat(offers.keySet()).containsExactly("V100", "V100-32GB");
        List<GpuOffer> v100 = offers.get("V100");
        assertThat(v100).extracting(GpuOffer::cloud).containsExactly("GCP", "AWS", "AWS");
        assertThat(v100.get(0).attachable()).isTrue();
        assertThat(v100.get(1).region()).isEqualTo("us-east-1");
        assertThat(v100.get(1).price()).isEqualTo(3.06);
        assertThat(v100.get(2).count()).isEqualTo(4.0);
    }

    @Test
    void quantityRegionAndAllRegionsFilter() {
        assertThat(QUERY.offers("V100", 4.0, null, false).get("V100")).singleElement()
                .extracting(GpuOffer::instanceType).isEqualTo("p3.8xlarge");
        assertThat(QUERY.offers("V100", 1.0, "eu-west-1", false).get("V100")).singleElement()
                .extracting(GpuOffer::price).isEqualTo(3.30);
        assertThat(QUERY.offers("V100", 1.0, null, true).get("V100")).hasSize(3);
        assertThat(QUERY.offers("H100", null, null, false)).isEmpty();
    }

    @Test
    void commonAndTpuNames() {
        assertThat(GpuQuery.isCommon("a100")).isTrue();
        assertThat(GpuQuery.isCommon("A40")).isFalse();
        assertThat(GpuQuery.isTpu("tpu-v5p-8")).isTrue();
    }
}
