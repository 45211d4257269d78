package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.AwsCloud;
import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.contract.ProvisionerContractTest;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.Provisioners;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provisioner contract on AWS: the real SDK against the EC2 emulator in node mode, so that every instance is a
 * real node sky logs in to with the keys it asked EC2 to authorize (the key pair and the cloud-config user data).
 */
class AwsProvisionerContractTest extends ProvisionerContractTest {
    private static Ec2Emulator emulator;
    private static Path dir;
    private static Provisioner provisioner;
    private static SshKeyPair skyKey;
    private static SshKeyPair clusterKey;
    private static final AwsCloud CLOUD = new AwsCloud();

    @BeforeAll
    static void startEmulator() {
        emulator = Ec2Emulator.start(EmulatorOptions.nodeBacked());
        dir = AwsTestSupport.tempDir("sky-aws-contract");
        skyKey = AwsTestSupport.key(dir, "sky-key");
        clusterKey = AwsTestSupport.key(dir, "cluster-key");
        provisioner = Provisioners.guard(AwsTestSupport.provisioner(AwsTestSupport.context(dir.resolve(".skyj"),
                emulator)), CLOUD.displayName(), CLOUD.unsupported());
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected Provisioner provisioner() {
        return provisioner;
    }

    @Override
    protected Map<CloudFeature, String> unsupported() {
        return CLOUD.unsupported();
    }

    @Override
    protected ProvisionRequest request(String clusterName, int numNodes) {
        return AwsTestSupport.request(clusterName, numNodes, skyKey, clusterKey);
    }

    @Override
    protected void checkRunningNode(ClusterInfo cluster, NodeInfo node) {
        assertThat(AwsTestSupport.ssh(node, skyKey.privateKey(), "echo ok").stdout().strip())
                .as("sky's key (the EC2 key pair) logs in").isEqualTo("ok");
        assertThat(AwsTestSupport.ssh(node, clusterKey.privateKey(), "true").exitCode())
                .as("the cluster key (cloud-config user data) logs in too").isZero();
    }

    @Override
    protected void checkNothingLeft(ClusterRef cluster) {
        assertThat(emulator.liveInstances()).as("the emulator's ledger of live instances")
                .noneMatch(i -> cluster.clusterName().equals(i.tags().get(AwsTags.CLUSTER)));
        assertThat(emulator.allInstances()).filteredOn(i -> cluster.clusterName().equals(i.tags().get(AwsTags.CLUSTER)))
                .allSatisfy(i -> assertThat(i.state()).isEqualTo("terminated"));
    }
}
