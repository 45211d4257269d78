package dev.sky.clouds.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Infra;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.Optimizer;
import dev.sky.optimizer.PlanRequest;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesCloudTest {
    @TempDir Path home;

    private final KubernetesCloud k8s = new KubernetesCloud();

    private SkyPaths paths() {
        return new SkyPaths(home.resolve(".skyj"), home);
    }

    private CheckContext ctx() {
        return new CheckContext(Map.of(), paths());
    }

    /** A priced cloud with one A100:8 instance, standing in for AWS. */
    private record PricedCloud(Catalog catalog) implements CloudDescriptor {
        public String id() {
            return "aws";
        }

        public String displayName() {
            return "AWS";
        }

        public Map<CloudFeature, String> unsupported() {
            return Map.of();
        }

        public Catalog offerings(SkyPaths paths) {
            return catalog;
        }

        public DefaultInstancePolicy defaultInstancePolicy() {
            return null;
        }

        public CredentialStatus check(CheckContext ctx) {
            return CredentialStatus.enabled("aws", List.of("compute"), "test");
        }
    }

    private static final CloudOffering AWS = offering();

    private static CloudOffering offering() {
        Catalog catalog = new Catalog("aws", List.of(new CatalogRow("p4d.24xlarge", "A100", 8, 96, 1152, 40,
                "NVIDIA", 21.96, 8.5, "us-east-1", "us-east-1a")), "test", null);
        return CloudOffering.of(new PricedCloud(catalog), catalog);
    }

    private TaskPlan plan(Infra infra, int nodes, boolean allClouds) {
        Resources r = Resources.defaults().withInfra(infra).withAccelerator(AcceleratorDemand.of("A100", 8));
        Task task = new Task("t", null, nodes, null, null, null, null, "echo hi", ResourceChoice.single(r), null,
                null, null, null, null, null, null, null);
        CloudOffering kubernetes = CloudOffering.of(k8s, k8s.offerings(paths()), k8s.shapedOfferings(ctx()));
        return Optimizer.optimize(new PlanRequest(Pipeline.of(task), List.of(AWS, kubernetes), Set.of(), allClouds))
                .tasks().get(0);
    }

    @Test
    void nodeCapacityIsNotReadSoComputedOfferingsAreEmptyAndLaunchingIsRefused() {
        assertThat(k8s.computedOfferings()).isTrue();
        assertThat(k8s.offerings(paths()).rows()).isEmpty();
        assertThat(k8s.unsupported()).containsKeys(CloudFeature.PROVISION, CloudFeature.SPOT, CloudFeature.STOP);
        assertThat(k8s.unsupported().get(CloudFeature.PROVISION)).contains("not available yet");
        assertThat(k8s.choosableWhenNotPinned()).as("an unpinned task has no node to land on").isFalse();
    }

    @Test
    void aTaskPinningKubernetesIsPlannedAsAFreePodOfItsSizeOnEveryNode() {
        TaskPlan plan = plan(new Infra("kubernetes", null, null), 2, true);
        Candidate c = plan.chosen();
        assertThat(c).as(String.valueOf(plan.reasons())).isNotNull();
        assertThat(c.cloud()).isEqualTo("kubernetes");
        assertThat(c.instanceType()).isEqualTo("32CPU--128GB--A100:8");
        assertThat(c.region()).isEqualTo("-");
        assertThat(c.numNodes()).isEqualTo(2);
        assertThat(c.hourlyCost()).isZero();
    }

    @Test
    void anUnpinnedA100TaskWithAllCloudsStillChoosesARealInstance() {
        TaskPlan plan = plan(Infra.ANY, 1, true);
        assertThat(plan.chosen().cloud()).isEqualTo("aws");
        assertThat(plan.chosen().instanceType()).isEqualTo("p4d.24xlarge");
        assertThat(plan.candidates()).extracting(Candidate::cloud).containsOnly("aws");
    }

    @Test
    void withAKubeconfigThePodIsOfferedInEachUsableContext() throws IOException {
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: dev-cluster
                  cluster:
                    server: https://127.0.0.1:6443
                contexts:
                - name: dev
                  context:
                    cluster: dev-cluster
                    user: dev-user
                users:
                - name: dev-user
                  user: {}
                """);
        assertThat(plan(new Infra("kubernetes", null, null), 1, true).chosen().region()).isEqualTo("dev");
        TaskPlan elsewhere = plan(new Infra("kubernetes", "prod", null), 1, true);
        assertThat(elsewhere.chosen()).isNull();
        assertThat(elsewhere.reasons()).singleElement().asString().startsWith("Kubernetes: ")
                .contains("not offered in region prod").contains("dev");
    }
}
