package dev.sky.clouds.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloudTest {
    private final LocalCloud local = new LocalCloud();

    @Test
    void isAlwaysEnabled(@TempDir Path home) {
        CredentialStatus s = local.check(new CheckContext(Map.of("USER", "ada"), new SkyPaths(home, home)));
        assertThat(s.enabled()).isTrue();
        assertThat(s.capabilities()).containsExactly("compute");
        assertThat(s.identity()).isEqualTo("ada on this machine");
    }

    @Test
    void offersOneFreeComputedRow(@TempDir Path home) {
        Catalog c = local.offerings(new SkyPaths(home, home));
        assertThat(local.computedOfferings()).isTrue();
        assertThat(c.source()).isEqualTo("computed");
        assertThat(c.rows()).singleElement().satisfies(r -> {
            assertThat(r.instanceType()).isEqualTo("local");
            assertThat(r.price()).isZero();
            assertThat(r.vcpus()).isPositive();
            assertThat(r.memoryGb()).isPositive();
        });
    }

    @Test
    void isPickedOnlyWhenPinnedAndHasNoDefaultSize() {
        assertThat(local.choosableWhenNotPinned()).isFalse();
        assertThat(local.defaultInstancePolicy()).isNull();
        assertThat(local.egressCost(100)).isZero();
    }

    @Test
    void declaresWhatItCannotDo() {
        assertThat(local.unsupported()).containsKeys(CloudFeature.SPOT, CloudFeature.DOCKER_IMAGE)
                .doesNotContainKeys(CloudFeature.PROVISION, CloudFeature.OPEN_PORTS, CloudFeature.STOP,
                        CloudFeature.MULTI_NODE, CloudFeature.AUTOSTOP);
        assertThat(local.unsupported().get(CloudFeature.SPOT)).isEqualTo("The local cloud has no spot capacity.");
    }
}
