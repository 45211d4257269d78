package dev.sky.provision.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.provision.contract.InMemoryProvisioner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionersTest {
    private final ProvisionerContext context = new ProvisionerContext(
            new SkyPaths(Path.of("/tmp/sky-home"), Path.of("/tmp/user")), Map.of());

    @Test
    void aCloudWithoutAProvisionerThatDeclaresItFailsWithTheReason() {
        CloudDescriptor cloud = descriptor("nowhere",
                Map.of(CloudFeature.PROVISION, "provisioning here is not available yet"));
        assertThatThrownBy(() -> Provisioners.forCloud(cloud, context, getClass().getClassLoader()))
                .isInstanceOf(UnsupportedVerbException.class)
                .hasMessage("Nowhere cannot create a cluster: provisioning here is not available yet")
                .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
    }

    @Test
    void aCloudWithoutAProvisionerThatClaimsOneIsAnError() {
        assertThatThrownBy(() -> Provisioners.forCloud(descriptor("nowhere", Map.of()), context,
                getClass().getClassLoader()))
                .isInstanceOf(SkyException.class)
                .hasMessageContaining("no provisioner is registered for cloud 'nowhere'");
    }

    @Test
    void theGuardChecksEachVerbAndLeavesQueriesAlone() {
        InMemoryProvisioner cloud = new InMemoryProvisioner();
        Provisioner p = Provisioners.guard(cloud, "Memory", Map.of(CloudFeature.STOP, "no stopping",
                CloudFeature.IMAGE_ID, "no images", CloudFeature.DOCKER_IMAGE, "no containers"));
        ProvisionRequest req = new ProvisionRequest("c", 1, "memory", "r", null, "t", false, null, 0, List.of(),
                "ssh-rsa AAAA", null, Map.of());

        assertThatThrownBy(() -> p.create(req.withImage("ami-123", 0)))
                .hasMessage("Memory cannot boot a custom image: no images");
        assertThatThrownBy(() -> p.create(req.withImage("docker:ubuntu", 0)))
                .isInstanceOf(UnsupportedVerbException.class).hasMessageContaining("no containers");
        assertThat(cloud.clusterCount()).isZero();
        p.create(req);
        assertThatThrownBy(() -> p.start(req.ref())).hasMessageContaining("no stopping");
        assertThat(p.query(req.ref())).hasSize(1);
        p.terminate(req.ref());
        assertThat(Provisioners.guard(p, "x", Map.of())).as("guarding twice keeps one guard").isSameAs(p);
    }

    @Test
    void portRangesParseSkyPilotForms() {
        assertThat(PortRange.parse("8080")).isEqualTo(PortRange.single(8080));
        assertThat(PortRange.parse(" 10000-10010 ")).isEqualTo(new PortRange(10000, 10010));
        assertThat(PortRange.parse("10000-10010")).hasToString("10000-10010");
        assertThatThrownBy(() -> PortRange.parse("http")).isInstanceOf(SkyException.class)
                .hasMessageContaining("'http'");
        assertThatThrownBy(() -> PortRange.parse("90-80")).isInstanceOf(SkyException.class);
        assertThatThrownBy(() -> PortRange.parse("70000")).isInstanceOf(SkyException.class);
    }

    @Test
    void clusterInfoKeepsRankOrder() {
        NodeInfo head = new NodeInfo(0, "i-0", "10.0.0.1", "1.2.3.4", 22, "u", null, InstanceStatus.RUNNING);
        NodeInfo worker = new NodeInfo(1, "i-1", "10.0.0.2", "1.2.3.5", 22, "u", null, InstanceStatus.PENDING);
        ClusterInfo info = new ClusterInfo(ClusterRef.of("c"), "memory", List.of(head, worker));
        assertThat(info.head()).isEqualTo(head);
        assertThat(info.workers()).containsExactly(worker);
        assertThat(info.allRunning()).isFalse();
        assertThatThrownBy(() -> new ClusterInfo(ClusterRef.of("c"), "memory", List.of(worker, head)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partialFailureNamesWhatCameUpAndWhatDidNot() {
        ProvisionRequest req = new ProvisionRequest("c", 3, "aws", "us-east-1", "us-east-1a", "m6i.large", false,
                null, 0, List.of(), "ssh-rsa AAAA", null, Map.of());
        NodeInfo up = new NodeInfo(0, "i-0", "10.0.0.1", "1.2.3.4", 22, "u", null, InstanceStatus.RUNNING);
        PartialProvisionException e = new PartialProvisionException(req, List.of(up),
                Map.of("rank-1", new RuntimeException("InsufficientInstanceCapacity")), BlockScope.ZONE);
        assertThat(e).hasMessage("created 1 of 3 nodes of m6i.large on aws us-east-1 (us-east-1a); 1 failed: "
                + "InsufficientInstanceCapacity");
        assertThat(e.succeeded()).containsExactly(up);
        assertThat(e.location()).isEqualTo("aws us-east-1 (us-east-1a)");
    }

    private static CloudDescriptor descriptor(String id, Map<CloudFeature, String> unsupported) {
        return new CloudDescriptor() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String displayName() {
                return "Nowhere";
            }

            @Override
            public Map<CloudFeature, String> unsupported() {
                return unsupported;
            }

            @Override
            public Catalog offerings(SkyPaths paths) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DefaultInstancePolicy defaultInstancePolicy() {
                return null;
            }

            @Override
            public CredentialStatus check(CheckContext ctx) {
                return CredentialStatus.disabled(id, "test", null);
            }
        };
    }
}
