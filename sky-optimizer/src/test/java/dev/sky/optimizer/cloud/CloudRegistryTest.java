package dev.sky.optimizer.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudRegistryTest {
    private record Named(String id) implements CloudDescriptor {
        @Override public String displayName() { return id; }
        @Override public Map<CloudFeature, String> unsupported() { return Map.of(); }
        @Override public Catalog offerings(SkyPaths paths) { return new Catalog(id, List.of(), "computed", null); }
        @Override public DefaultInstancePolicy defaultInstancePolicy() { return null; }
        @Override public CredentialStatus check(CheckContext ctx) { return CredentialStatus.enabled(id, List.of(), null); }
    }

    private final CloudRegistry registry = CloudRegistry.of(List.of(new Named("local"), new Named("aws"),
            new Named("kubernetes")));

    @Test
    void listsCloudsById() {
        assertThat(registry.ids()).containsExactly("aws", "kubernetes", "local");
    }

    @Test
    void findsCaseInsensitivelyAndByAlias() {
        assertThat(registry.fromId("AWS").id()).isEqualTo("aws");
        assertThat(registry.fromId(" k8s ").id()).isEqualTo("kubernetes");
        assertThat(registry.canonicalId("K8s")).contains("kubernetes");
        assertThat(registry.find("gcp")).isEmpty();
    }

    @Test
    void unknownIdIsInvalidInputListingValidIds() {
        assertThatThrownBy(() -> registry.fromId("gcp"))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("Unknown cloud 'gcp'. Valid clouds: aws, kubernetes, local.");
    }

    @Test
    void discoveryFindsNothingWithoutCloudModulesAndDoesNotFail() {
        // sky-optimizer alone ships no descriptor; the full set is tested in sky-cli.
        assertThat(CloudRegistry.discover().all()).isEmpty();
    }
}
