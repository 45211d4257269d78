package dev.sky.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureCloudTest {
    private final AzureCloud azure = new AzureCloud();

    @Test
    void defaultFamiliesMatchWholeSizeNames() {
        DefaultInstancePolicy p = azure.defaultInstancePolicy();
        assertThat(p.admitsFamily("Standard_D8s_v5")).isTrue();
        assertThat(p.admitsFamily("Standard_E16s_v5")).isTrue();
        assertThat(p.admitsFamily("Standard_F8s_v2")).isTrue();
        assertThat(p.admitsFamily("Standard_D8as_v5")).isFalse();
        assertThat(p.admitsFamily("Standard_NC6s_v3")).isFalse();
        assertThat(p.defaultMemoryPerCpu().toString()).isEqualTo("4x");
    }

    @Test
    void egressTiers() {
        assertThat(azure.egressCost(1)).isZero();
        assertThat(azure.egressCost(11)).isCloseTo(10 * 0.0875, within(1e-9));
        double tenTb = 10 * 1024;
        assertThat(azure.egressCost(tenTb + 10)).isCloseTo((tenTb - 1) * 0.0875 + 10 * 0.083, within(1e-6));
        assertThat(azure.egressCost(151 * 1024)).isCloseTo(151 * 1024 * 0.05, within(1e-6));
    }

    @Test
    void provisioningRefusedWithAReason() {
        assertThat(azure.unsupported()).containsKeys(CloudFeature.PROVISION, CloudFeature.DOCKER_IMAGE);
        assertThat(azure.attachableAccelerators()).isFalse();
    }

    @Test
    void offeringsComeFromTheBundledCatalog(@TempDir Path home) {
        assertThat(azure.offerings(new SkyPaths(home, home)).rows())
                .anySatisfy(r -> assertThat(r.instanceType()).matches("Standard_D\\d+s_v5"));
    }
}
