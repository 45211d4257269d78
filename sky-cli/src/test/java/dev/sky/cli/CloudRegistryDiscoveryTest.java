package dev.sky.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's class path holds every cloud module, each registered through ServiceLoader. */
class CloudRegistryDiscoveryTest {
    private final CloudRegistry registry = CloudRegistry.discover();

    @Test
    void findsAllSixClouds() {
        assertThat(registry.ids()).containsExactly("aws", "azure", "gcp", "kubernetes", "local", "ssh");
        assertThat(registry.fromId("k8s").displayName()).isEqualTo("Kubernetes");
    }

    @Test
    void unknownIdListsTheValidOnes() {
        assertThatThrownBy(() -> registry.fromId("lambda"))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage("Unknown cloud 'lambda'. Valid clouds: aws, azure, gcp, kubernetes, local, ssh.");
    }

    @Test
    void localAwsAndSshPoolsLaunchTheOthersSayWhyNot() {
        for (CloudDescriptor c : registry.all()) {
            boolean canProvision = !c.unsupported().containsKey(CloudFeature.PROVISION);
            assertThat(canProvision).as(c.id()).isEqualTo(java.util.Set.of("local", "aws", "ssh").contains(c.id()));
            c.unsupported().values().forEach(reason -> assertThat(reason).as(c.id()).isNotBlank().endsWith("."));
        }
    }

    @Test
    void anEmptyHomeEnablesOnlyLocal(@TempDir Path home) {
        CheckContext ctx = new CheckContext(Map.of("HOME", home.toString()), new SkyPaths(home.resolve(".skyj"), home));
        for (CloudDescriptor c : registry.all()) {
            CredentialStatus s = c.check(ctx);
            assertThat(s.cloud()).isEqualTo(c.id());
            assertThat(s.enabled()).as(c.id()).isEqualTo(c.id().equals("local"));
            if (!s.enabled()) {
                assertThat(s.reason()).as(c.id()).isNotBlank();
                assertThat(s.hint()).as(c.id()).isNotBlank();
            }
        }
    }
}
