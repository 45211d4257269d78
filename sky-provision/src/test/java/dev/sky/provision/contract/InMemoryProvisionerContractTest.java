package dev.sky.provision.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.Provisioners;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** Runs the contract suite against the in-memory cloud: once with every feature, once with some declared missing. */
class InMemoryProvisionerContractTest {

    static ProvisionRequest requestFor(String name, int nodes) {
        return new ProvisionRequest(name, nodes, "memory", "mem-1", null, "small", false, null, 0, List.of(),
                "ssh-ed25519 AAAAsky", "ssh-ed25519 AAAAcluster", Map.of());
    }

    @Nested
    class WithEveryFeature extends ProvisionerContractTest {
        final InMemoryProvisioner cloud = new InMemoryProvisioner();
        final Provisioner guarded = Provisioners.guard(cloud, "Memory", Map.of());

        @Override
        protected Provisioner provisioner() {
            return guarded;
        }

        @Override
        protected Map<CloudFeature, String> unsupported() {
            return Map.of();
        }

        @Override
        protected ProvisionRequest request(String clusterName, int numNodes) {
            return requestFor(clusterName, numNodes);
        }

        @Override
        protected void checkNothingLeft(ClusterRef cluster) {
            assertThat(cloud.clusterCount()).isZero();
        }
    }

    @Nested
    class WithoutStopSpotOrMultiNode extends ProvisionerContractTest {
        final Map<CloudFeature, String> missing = Map.of(
                CloudFeature.STOP, "memory cannot be paused",
                CloudFeature.SPOT, "memory has no spot market",
                CloudFeature.MULTI_NODE, "memory is one box",
                CloudFeature.OPEN_PORTS, "memory has no network");
        final InMemoryProvisioner cloud = new InMemoryProvisioner();
        final Provisioner guarded = Provisioners.guard(cloud, "Memory", missing);

        @Override
        protected Provisioner provisioner() {
            return guarded;
        }

        @Override
        protected Map<CloudFeature, String> unsupported() {
            return missing;
        }

        @Override
        protected ProvisionRequest request(String clusterName, int numNodes) {
            return requestFor(clusterName, numNodes);
        }
    }
}
