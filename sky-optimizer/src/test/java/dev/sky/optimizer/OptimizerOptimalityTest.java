package dev.sky.optimizer;

import static dev.sky.optimizer.PlanAssert.assertChosen;
import static dev.sky.optimizer.PlanAssert.assertInfeasible;
import static dev.sky.optimizer.PlanAssert.plan;
import static dev.sky.optimizer.Req.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "The optimizer is optimal": requests against the frozen fixture (test resources optimizer/fixture.csv), each with
 * its answer worked out by hand from the fixture rows in the comment above the assertion.
 */
class OptimizerOptimalityTest {

    @Test
    void defaultsTakeTheCheapestDefaultFamilyRowNotACheaperOtherFamily() {
        // 8+ vCPUs, >= 4 GB/vCPU, default families only. t3.2xlarge (0.3328) is not a default family;
        // c6i.2xlarge (0.330) has 16 GB < 32. m6i.2xlarge 0.384 ties Azure D8s_v5 0.384: aws < azure.
        assertChosen(plan(res().task()), "aws", "us-east-1", null, "m6i.2xlarge", 0.384);
    }

    @Test
    void exactCpusGetTheDefaultMemoryRatio() {
        // cpus=4, memory 4x -> >= 16 GB: m6i.xlarge 0.192 = D4s_v5 0.192 < n2-standard-4 0.1942.
        assertChosen(plan(res().cpus(Amount.exact(4)).task()), "aws", "us-east-1", null, "m6i.xlarge", 0.192);
    }

    @Test
    void exactMemoryWithAtLeastCpus() {
        // 2+ vCPUs and exactly 8 GB: m6i.large 0.096 < n2-standard-2 0.0971.
        assertChosen(plan(res().cpus(Amount.atLeast(2)).memory(Amount.exact(8)).task()),
                "aws", "us-east-1", null, "m6i.large", 0.096);
    }

    @Test
    void memoryRatioAdmitsLeanInstances() {
        // cpus=8, memory 1x -> >= 8 GB: c6i.2xlarge in us-west-2 0.330 is the cheapest default-family row.
        assertChosen(plan(res().cpus(Amount.exact(8)).memory(Amount.perCpu(1)).task()),
                "aws", "us-west-2", null, "c6i.2xlarge", 0.330);
    }

    @Test
    void memoryAloneDropsTheCpuDefault() {
        // memory 60+: r6i.2xlarge 0.504, n2-highmem-8 0.5241, E8s_v5 0.496, m6i.4xlarge 0.768.
        assertChosen(plan(res().memory(Amount.atLeast(60)).task()), "azure", "eastus", null, "Standard_E8s_v5",
                0.496);
    }

    @Test
    void gcpV100GetsTheCheapestN1HostWithDefaultSize() {
        // AWS p3.2xlarge 3.06. GCP: host >= 8 vCPUs and >= 32 GB, at most 12/78: n1-standard-8 has 30 GB,
        // n1-highmem-8 0.4732 + V100 2.48 = 2.9532, only us-central1-a offers V100.
        Candidate c = assertChosen(plan(res().acc("V100", 1).task()), "gcp", "us-central1", "us-central1-a",
                "n1-highmem-8", 2.9532);
        assertThat(c.acceleratorName()).isEqualTo("V100");
        assertThat(c.vcpus()).isEqualTo(8);
    }

    @Test
    void t4IsCheapestOnAwsOverall() {
        // g4dn.xlarge 0.526 = NC4as_T4_v3 0.526 (aws < azure) < GCP n1-highmem-4 0.2366 + 0.35 = 0.5866.
        assertChosen(plan(res().acc("T4", 1).task()), "aws", "us-east-1", null, "g4dn.xlarge", 0.526);
    }

    @Test
    void gcpT4HostNeedsFourGbPerCpu() {
        // Host >= 4 vCPUs, >= 16 GB: n1-standard-4 has 15 GB, so n1-highmem-4 0.2366 + 0.35; zone a = zone b.
        assertChosen(plan(res().cloud("gcp").acc("T4", 1).task()), "gcp", "us-central1", "us-central1-a",
                "n1-highmem-4", 0.5866);
    }

    @Test
    void gcpHostFollowsTheUserCpus() {
        // cpus=8 -> host memory >= 32: n1-standard-8 (30 GB) fails, n1-highmem-8 0.4732 + 0.35 = 0.8232.
        assertChosen(plan(res().cloud("gcp").acc("T4", 1).cpus(Amount.exact(8)).task()),
                "gcp", "us-central1", "us-central1-a", "n1-highmem-8", 0.8232);
    }

    @Test
    void gcpSpotComparesHostAndAcceleratorSpotPrices() {
        // Spot: zone a 0.05 + 0.14, zone b 0.05 + 0.11 = 0.16, europe-west4-a 0.055 + 0.14.
        Candidate c = assertChosen(plan(res().cloud("gcp").acc("T4", 1).spot().task()),
                "gcp", "us-central1", "us-central1-b", "n1-highmem-4", 0.16);
        assertThat(c.spot()).isTrue();
    }

    @Test
    void spotUsesSpotPricesPerZoneAndSkipsCloudsWithoutSpot() {
        // g4dn spot: us-east-1a 0.158, us-east-1b 0.150, us-west-2a none; GCP 0.16; Azure has no spot.
        Candidate c = assertChosen(plan(res().acc("T4", 1).spot().task()), "aws", "us-east-1", "us-east-1b",
                "g4dn.xlarge", 0.150);
        assertThat(c.spot()).isTrue();
    }

    @Test
    void spotA100ComparesAcrossClouds() {
        // p4d spot 9.83 (us-east-1a) < GCP a2-highgpu-8g 2.958 + 7.04 = 9.998; Azure has no spot.
        assertChosen(plan(res().acc("A100", 8).spot().task()), "aws", "us-east-1", "us-east-1a", "p4d.24xlarge",
                9.83);
    }

    @Test
    void gcpA100UsesItsFixedA2Host() {
        // AWS and Azure have no A100:1. GCP a2-highgpu-1g 0.7395 + 2.934 = 3.6735 (europe-west4: 3.7474).
        Candidate c = assertChosen(plan(res().acc("A100", 1).task()), "gcp", "us-central1", "us-central1-a",
                "a2-highgpu-1g", 3.6735);
        assertThat(c.memoryGb()).isEqualTo(85);
    }

    @Test
    void a100x8IsCheapestOnAzure() {
        // ND96asr_v4 27.197 < GCP 5.9158 + 23.47 = 29.3858 < p4d 32.77.
        assertChosen(plan(res().acc("A100", 8).task()), "azure", "eastus", null, "Standard_ND96asr_v4", 27.197);
    }

    @Test
    void acceleratorNamesMatchIgnoringCase() {
        Candidate c = assertChosen(plan(res().acc("a100", 8).task()), "azure", "eastus", null,
                "Standard_ND96asr_v4", 27.197);
        assertThat(c.acceleratorName()).isEqualTo("A100");
    }

    @Test
    void acceleratorByMemoryAtLeast() {
        // 80GB+ x1: only Azure's A100-80GB:1 (3.673); AWS has 80 GB parts only in eights.
        assertChosen(plan(res().acc(new AcceleratorDemand(null, 1, 80.0, true, null)).task()),
                "azure", "eastus", null, "Standard_NC24ads_A100_v4", 3.673);
    }

    @Test
    void acceleratorByExactMemoryAndMaker() {
        // nvidia:24GB:1: A10G g5.xlarge 1.006; GCP L4 on g2-standard-4 0.1465 + 0.5603 = 0.7068.
        Candidate c = assertChosen(plan(res().acc(new AcceleratorDemand(null, 1, 24.0, false, "nvidia")).task()),
                "gcp", "us-central1", "us-central1-a", "g2-standard-4", 0.7068);
        assertThat(c.acceleratorName()).isEqualTo("L4");
    }

    @Test
    void regionPinKeepsTheCloudAndRegion() {
        assertChosen(plan(res().infra("aws", "us-west-2", null).acc("A100", 8).task()),
                "aws", "us-west-2", null, "p4d.24xlarge", 32.77);
    }

    @Test
    void regionPinWithoutCloudSearchesEveryCloud() {
        // europe-west4 is GCP's: n1-highmem-4 0.26 + T4 0.35.
        assertChosen(plan(res().infra(null, "europe-west4", null).acc("T4", 1).task()),
                "gcp", "europe-west4", "europe-west4-a", "n1-highmem-4", 0.61);
    }

    @Test
    void zonePinGivesAZonalCandidate() {
        // cpus=2, >= 8 GB: m6i.large in us-east-1b 0.096.
        assertChosen(plan(res().infra("aws", "us-east-1", "us-east-1b").cpus(Amount.exact(2)).task()),
                "aws", "us-east-1", "us-east-1b", "m6i.large", 0.096);
    }

    @Test
    void imageIdDictRestrictsRegions() {
        // Only eu-west-1 has the image: m6i.2xlarge there 0.428.
        assertChosen(plan(res().cloud("aws").image(Map.of("eu-west-1", "ami-123")).task()),
                "aws", "eu-west-1", null, "m6i.2xlarge", 0.428);
    }

    @Test
    void maxHourlyCostKeepsOnlyAffordableCandidates() {
        // cpus 4+, 4x: m6i.xlarge 0.192 (us-east-1, us-west-2; eu-west-1 0.214), D4s_v5 0.192,
        // n2-standard-4 0.1942 (us-central1-a, -b; europe-west4 0.2137). Cap 0.2 leaves five.
        TaskPlan p = plan(res().cpus(Amount.atLeast(4)).maxHourlyCost(0.2).task());
        assertChosen(p, "aws", "us-east-1", null, "m6i.xlarge", 0.192);
        assertThat(p.candidates()).hasSize(5).allSatisfy(c -> assertThat(c.hourlyCostPerNode()).isLessThan(0.2));
    }

    @Test
    void maxHourlyCostBelowEveryMatchIsInfeasible() {
        assertInfeasible(plan(res().maxHourlyCost(0.3).task()),
                "AWS: the cheapest match, m6i.2xlarge at $0.38/hour per node, is above max_hourly_cost $0.30");
    }

    @Test
    void tpuIsPricedWithoutAHost() {
        Candidate c = assertChosen(plan(res().acc("tpu-v2-8", 1).task()), "gcp", "us-central1", "us-central1-b",
                "TPU-VM", 4.5);
        assertThat(c.vcpus()).isNaN();
    }

    @Test
    void instanceTypeOutsideTheDefaultFamilies() {
        assertChosen(plan(res().instanceType("t3.2xlarge").task()), "aws", "us-east-1", null, "t3.2xlarge",
                0.3328);
    }

    @Test
    void gcpFixedHostTypeImpliesItsAccelerator() {
        Candidate c = assertChosen(plan(res().instanceType("a2-highgpu-1g").task()), "gcp", "us-central1",
                "us-central1-a", "a2-highgpu-1g", 3.6735);
        assertThat(c.acceleratorName()).isEqualTo("A100");
        assertThat(c.acceleratorCount()).isEqualTo(1);
    }

    @Test
    void costIsPricePerNodeTimesNodes() {
        Candidate c = assertChosen(plan(res().acc("T4", 1).task(2)), "aws", "us-east-1", null, "g4dn.xlarge",
                0.526);
        assertThat(c.numNodes()).isEqualTo(2);
        assertThat(c.hourlyCost()).isCloseTo(1.052, within(1e-9));
    }

    @Test
    void portsRuleOutACloudThatCannotOpenThem() {
        // cpus=8, memory 64+: E8s_v5 0.496 would win, but Azure cannot open ports; r6i.2xlarge 0.504 < 0.5241.
        assertChosen(plan(res().cpus(Amount.exact(8)).memory(Amount.atLeast(64)).task()),
                "azure", "eastus", null, "Standard_E8s_v5", 0.496);
        assertChosen(plan(res().cpus(Amount.exact(8)).memory(Amount.atLeast(64)).ports("8080").task()),
                "aws", "us-east-1", null, "r6i.2xlarge", 0.504);
    }

    @Test
    void dockerImagesAndTpusDoNotFilterPlanning() {
        // Local declares DOCKER_IMAGE unsupported: launch refuses it later, planning does not.
        assertChosen(plan(res().cloud("local").image(Map.of("*", "docker:ubuntu:22.04")).task()),
                "local", "local", null, "local", 0);
    }
}
