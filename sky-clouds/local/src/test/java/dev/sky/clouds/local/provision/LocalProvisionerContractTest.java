package dev.sky.clouds.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.contract.ProvisionerContractTest;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.Provisioners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The provisioner contract against real local nodes: MINA servers in a detached host JVM, logged in over SSH. */
class LocalProvisionerContractTest extends ProvisionerContractTest {
    @TempDir
    Path skyHome;

    private CloudDescriptor descriptor;
    private Provisioner provisioner;
    private SshKeyPair skyKey;
    private SshKeyPair clusterKey;

    @BeforeEach
    void setUp() {
        descriptor = LocalTestSupport.localDescriptor();
        provisioner = Provisioners.forCloud(descriptor, LocalTestSupport.context(skyHome),
                getClass().getClassLoader());
        skyKey = LocalTestSupport.key("sky-key");
        clusterKey = LocalTestSupport.key("cluster-key");
    }

    @Override
    protected Provisioner provisioner() {
        return provisioner;
    }

    @Override
    protected Map<CloudFeature, String> unsupported() {
        return descriptor.unsupported();
    }

    @Override
    protected ProvisionRequest request(String clusterName, int numNodes) {
        return LocalTestSupport.request(clusterName, numNodes, skyKey, clusterKey);
    }

    @Override
    protected void checkRunningNode(ClusterInfo cluster, NodeInfo node) throws Exception {
        NodeSsh.Result r = NodeSsh.exec(node, skyKey.privateKey(), "echo \"$SKY_NODE_ID $HOME\"");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(cluster.ref().clusterName() + "/" + node.rank() + " "
                + skyHome.resolve("local").resolve(cluster.ref().clusterName()).resolve("node-" + node.rank()));
        NodeSsh.Result viaClusterKey = NodeSsh.exec(node, clusterKey.privateKey(), "true");
        assertThat(viaClusterKey.exitCode()).as("the intra-cluster key is authorized too").isZero();
    }

    @Override
    protected void checkNothingLeft(ClusterRef cluster) {
        assertThat(skyHome.resolve("local").resolve(cluster.clusterName())).doesNotExist();
        assertThat(NodeProcesses.findByEnv(java.util.List.of("SKY_NODE_ID=" + cluster.clusterName() + "/0")))
                .isEmpty();
        assertThat(Files.exists(skyHome.resolve("local"))).isTrue();
    }
}
