package dev.sky.clouds.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CloudFeature;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesCloudTest {
    @Test
    void computedOfferingsAreEmptyAndLaunchingIsRefused(@TempDir Path home) {
        KubernetesCloud k8s = new KubernetesCloud();
        assertThat(k8s.computedOfferings()).isTrue();
        assertThat(k8s.offerings(new SkyPaths(home, home)).rows()).isEmpty();
        assertThat(k8s.unsupported()).containsKeys(CloudFeature.PROVISION, CloudFeature.SPOT, CloudFeature.STOP);
        assertThat(k8s.unsupported().get(CloudFeature.PROVISION)).contains("not available yet");
    }
}
