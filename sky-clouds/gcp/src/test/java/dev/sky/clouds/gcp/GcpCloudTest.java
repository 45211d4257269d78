package dev.sky.clouds.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpCloudTest {
    private final GcpCloud gcp = new GcpCloud();

    @Test
    void egressRateDependsOnTheWholeVolume() {
        assertThat(gcp.egressCost(0)).isZero();
        assertThat(gcp.egressCost(100)).isCloseTo(12.0, within(1e-9));
        assertThat(gcp.egressCost(2048)).isCloseTo(2048 * 0.11, within(1e-9));
        assertThat(gcp.egressCost(20 * 1024)).isCloseTo(20 * 1024 * 0.08, within(1e-9));
    }

    @Test
    void defaultFamiliesAreN2AndN4() {
        DefaultInstancePolicy p = gcp.defaultInstancePolicy();
        assertThat(p.admitsFamily("n2-standard-8")).isTrue();
        assertThat(p.admitsFamily("n4-highmem-8")).isTrue();
        assertThat(p.admitsFamily("n1-standard-8")).isFalse();
        assertThat(p.admitsFamily("a2-highgpu-1g")).isFalse();
        assertThat(p.defaultCpus().toString()).isEqualTo("8+");
    }

    @Test
    void acceleratorsAttachAndTpusAreRefusedWithAReason() {
        assertThat(gcp.attachableAccelerators()).isTrue();
        assertThat(gcp.unsupported()).containsKeys(CloudFeature.PROVISION, CloudFeature.TPU, CloudFeature.DOCKER_IMAGE);
        assertThat(gcp.unsupported().get(CloudFeature.TPU)).contains("planned and priced");
    }

    @Test
    void offeringsComeFromTheBundledCatalog(@TempDir Path home) {
        assertThat(gcp.offerings(new SkyPaths(home, home)).rows()).isNotEmpty();
    }
}
