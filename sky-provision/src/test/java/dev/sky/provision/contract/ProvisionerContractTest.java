package dev.sky.provision.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.UnsupportedVerbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every {@link Provisioner} must do, run against each cloud's real adapter (local nodes, or the cloud's SDK
 * against its emulator). Subclass it in the cloud module's tests and give the provisioner as
 * {@code Provisioners.forCloud} returns it, so that the capability guard is part of what is tested.
 * Verbs the cloud declares unsupported are checked to fail with the declared reason.
 */
public abstract class ProvisionerContractTest {
    private final List<ClusterRef> created = new ArrayList<>();

    /** The provisioner under test, guarded by the cloud's capabilities (as {@code Provisioners.forCloud} gives it). */
    protected abstract Provisioner provisioner();

    /** What the cloud declares it cannot do, from its descriptor. */
    protected abstract Map<CloudFeature, String> unsupported();

    /** A request for {@code numNodes} on-demand nodes named {@code clusterName} where the test cloud has capacity. */
    protected abstract ProvisionRequest request(String clusterName, int numNodes);

    /** How long a wait may take before the test fails; generous, since it bounds polling, not speed. */
    protected Duration waitTimeout() {
        return Duration.ofSeconds(120);
    }

    /** Checks a node that reports RUNNING beyond its record, e.g. by logging in over SSH. */
    protected void checkRunningNode(ClusterInfo cluster, NodeInfo node) throws Exception {}

    /** Checks the cloud's ground truth after terminate, e.g. an emulator's ledger or the node folders. */
    protected void checkNothingLeft(ClusterRef cluster) throws Exception {}

    @AfterEach
    void terminateWhatTheTestCreated() {
        for (ClusterRef ref : created) {
            try {
                provisioner().terminate(ref);
            } catch (RuntimeException e) {
                System.err.println("contract cleanup: terminate " + ref.clusterName() + " failed: " + e);
            }
        }
    }

    @Test
    void provisionIsSupported() {
        assertThat(unsupported()).as("a provisioner under test must be able to create nodes")
                .doesNotContainKey(CloudFeature.PROVISION);
    }

    @Test
    void createWaitInfoStopStartTerminate() throws Exception {
        Provisioner p = provisioner();
        int numNodes = supports(CloudFeature.MULTI_NODE) ? 2 : 1;
        ProvisionRequest req = request(newClusterName(), numNodes);
        ClusterRef ref = create(req);

        p.waitFor(ref, InstanceStatus.RUNNING, waitTimeout());
        ClusterInfo up = p.clusterInfo(ref).orElseThrow();
        assertWellFormed(up, req);
        assertThat(up.nodes()).allSatisfy(n -> assertThat(n.status()).isEqualTo(InstanceStatus.RUNNING));
        assertThat(p.query(ref)).containsOnlyKeys(instanceIds(up))
                .allSatisfy((id, status) -> assertThat(status).isEqualTo(InstanceStatus.RUNNING));
        for (NodeInfo node : up.nodes()) {
            checkRunningNode(up, node);
        }
        if (supports(CloudFeature.OPEN_PORTS)) {
            p.openPorts(ref, List.of(PortRange.single(18080)));
            p.openPorts(ref, List.of(PortRange.single(18080)));
        }

        if (supports(CloudFeature.STOP)) {
            p.stop(ref);
            p.waitFor(ref, InstanceStatus.STOPPED, waitTimeout());
            assertThat(p.query(ref)).containsOnlyKeys(instanceIds(up))
                    .allSatisfy((id, status) -> assertThat(status).isEqualTo(InstanceStatus.STOPPED));
            p.stop(ref);
            p.start(ref);
            p.waitFor(ref, InstanceStatus.RUNNING, waitTimeout());
            ClusterInfo again = p.clusterInfo(ref).orElseThrow();
            assertThat(instanceIds(again)).as("start brings back the same nodes").isEqualTo(instanceIds(up));
            for (int i = 0; i < numNodes; i++) {
                if (up.nodes().get(i).hostPublicKey() != null) {
                    assertThat(again.nodes().get(i).hostPublicKey()).as("host key survives stop/start")
                            .isEqualTo(up.nodes().get(i).hostPublicKey());
                }
                checkRunningNode(again, again.nodes().get(i));
            }
        } else {
            assertUnsupported(CloudFeature.STOP, () -> p.stop(ref));
            assertThat(p.query(ref)).as("a refused stop changes nothing")
                    .allSatisfy((id, status) -> assertThat(status).isEqualTo(InstanceStatus.RUNNING));
        }

        p.terminate(ref);
        p.waitFor(ref, InstanceStatus.TERMINATED, waitTimeout());
        assertGone(p, ref);
        checkNothingLeft(ref);
    }

    @Test
    void createOfAnExistingClusterReusesItsNodes() {
        Provisioner p = provisioner();
        ProvisionRequest req = request(newClusterName(), 1);
        ClusterRef ref = create(req);
        p.waitFor(ref, InstanceStatus.RUNNING, waitTimeout());
        List<String> first = instanceIds(p.clusterInfo(ref).orElseThrow());

        p.create(req);
        p.waitFor(ref, InstanceStatus.RUNNING, waitTimeout());
        assertThat(instanceIds(p.clusterInfo(ref).orElseThrow())).isEqualTo(first);
    }

    @Test
    void terminateTwiceSucceeds() throws Exception {
        Provisioner p = provisioner();
        ClusterRef ref = create(request(newClusterName(), 1));
        p.waitFor(ref, InstanceStatus.RUNNING, waitTimeout());

        p.terminate(ref);
        p.terminate(ref);
        p.waitFor(ref, InstanceStatus.TERMINATED, waitTimeout());
        assertGone(p, ref);
        checkNothingLeft(ref);
    }

    @Test
    void unknownClusterIsAnEmptyAnswerNotAnError() {
        Provisioner p = provisioner();
        ClusterRef ref = request(newClusterName(), 1).ref();

        assertThat(p.query(ref)).isEmpty();
        assertThat(p.clusterInfo(ref)).isEmpty();
        p.terminate(ref);
        p.waitFor(ref, InstanceStatus.TERMINATED, Duration.ofSeconds(5));
        assertThatThrownBy(() -> p.waitFor(ref, InstanceStatus.RUNNING, Duration.ofSeconds(5)))
                .isInstanceOf(ProvisionException.class);
        if (supports(CloudFeature.STOP)) {
            assertThatThrownBy(() -> p.start(ref)).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining(ref.clusterName());
        }
        assertThat(p.query(ref)).as("asking about a cluster creates nothing").isEmpty();
    }

    /** One test per feature the cloud declares unsupported: the verb that needs it fails with the reason. */
    @TestFactory
    Stream<DynamicTest> unsupportedVerbsFailWithTheDeclaredReason() {
        Map<CloudFeature, Consumer<ProvisionRequest>> verbs = Map.of(
                CloudFeature.STOP, r -> provisioner().stop(r.ref()),
                CloudFeature.SPOT, r -> provisioner().create(r.withSpot(true)),
                CloudFeature.MULTI_NODE, r -> provisioner().create(r.withNumNodes(2)),
                CloudFeature.OPEN_PORTS, r -> provisioner().openPorts(r.ref(), List.of(PortRange.single(8080))));
        List<DynamicTest> tests = new ArrayList<>();
        verbs.forEach((feature, verb) -> {
            if (!supports(feature)) {
                tests.add(DynamicTest.dynamicTest(feature + " is refused with its reason", () -> {
                    ProvisionRequest req = request(newClusterName(), 1);
                    created.add(req.ref());
                    assertUnsupported(feature, () -> verb.accept(req));
                    assertThat(provisioner().query(req.ref())).as("a refused verb creates nothing").isEmpty();
                }));
            }
        });
        tests.add(DynamicTest.dynamicTest("capabilities are declared with reasons", () ->
                assertThat(unsupported()).allSatisfy((f, reason) -> assertThat(reason).isNotBlank())));
        return tests.stream();
    }

    // -- helpers for subclasses --------------------------------------------------------------------------------

    protected final boolean supports(CloudFeature feature) {
        return !unsupported().containsKey(feature);
    }

    /** A fresh cluster name, unique across parallel runs. */
    protected final String newClusterName() {
        return "ct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the cluster and remembers it for cleanup. */
    protected final ClusterRef create(ProvisionRequest req) {
        created.add(req.ref());
        ClusterInfo info = provisioner().create(req);
        assertThat(info.nodes()).hasSize(req.numNodes());
        return req.ref();
    }

    private void assertUnsupported(CloudFeature feature, Runnable verb) {
        UnsupportedVerbException e = catchThrowableOfType(UnsupportedVerbException.class, verb::run);
        assertThat(e).as("expected %s to be refused", feature).isNotNull();
        assertThat(e.feature()).isEqualTo(feature);
        assertThat(e.reason()).isEqualTo(unsupported().get(feature));
        assertThat(e.getMessage()).contains(unsupported().get(feature));
    }

    private static void assertWellFormed(ClusterInfo info, ProvisionRequest req) {
        assertThat(info.ref().clusterName()).isEqualTo(req.clusterName());
        assertThat(info.nodes()).hasSize(req.numNodes());
        assertThat(new HashSet<>(instanceIds(info))).as("instance ids are unique").hasSize(req.numNodes());
        for (int i = 0; i < info.nodes().size(); i++) {
            NodeInfo n = info.nodes().get(i);
            assertThat(n.rank()).isEqualTo(i);
            assertThat(n.instanceId()).isNotBlank();
            assertThat(n.internalIp()).isNotBlank();
            assertThat(n.externalAddress()).isNotBlank();
            assertThat(n.sshPort()).isBetween(1, 65535);
            assertThat(n.sshUser()).isNotBlank();
        }
        assertThat(info.head().rank()).isZero();
    }

    private static void assertGone(Provisioner p, ClusterRef ref) {
        assertThat(p.query(ref)).allSatisfy((id, status) -> assertThat(status).isEqualTo(InstanceStatus.TERMINATED));
        Optional<ClusterInfo> info = p.clusterInfo(ref);
        info.ifPresent(i -> assertThat(i.nodes()).allSatisfy(n -> assertThat(n.status().isGone()).isTrue()));
    }

    private static List<String> instanceIds(ClusterInfo info) {
        return info.nodes().stream().map(NodeInfo::instanceId).toList();
    }
}
