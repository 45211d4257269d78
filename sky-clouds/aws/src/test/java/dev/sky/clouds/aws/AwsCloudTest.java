package dev.sky.clouds.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsCloudTest {
    private final AwsCloud aws = new AwsCloud();

    @Test
    void egressFollowsTheTiers() {
        assertThat(aws.egressCost(0)).isZero();
        assertThat(aws.egressCost(1)).isZero();
        assertThat(aws.egressCost(101)).isCloseTo(100 * 0.09, within(1e-9));
        double tenTb = 10 * 1024;
        assertThat(aws.egressCost(tenTb)).isCloseTo((tenTb - 1) * 0.09, within(1e-6));
        assertThat(aws.egressCost(tenTb + 100)).isCloseTo((tenTb - 1) * 0.09 + 100 * 0.085, within(1e-6));
        double sixtyTb = 60 * 1024;
        assertThat(aws.egressCost(sixtyTb)).isCloseTo(
                (tenTb - 1) * 0.09 + 40 * 1024 * 0.085 + 10 * 1024 * 0.07, within(1e-6));
        assertThat(aws.egressCost(200 * 1024)).isCloseTo(200 * 1024 * 0.05, within(1e-6));
    }

    @Test
    void defaultPolicyIsEightCpusFourGbEachInTheGeneralFamilies() {
        DefaultInstancePolicy p = aws.defaultInstancePolicy();
        assertThat(p.defaultCpus().toString()).isEqualTo("8+");
        assertThat(p.defaultMemoryPerCpu().toString()).isEqualTo("4x");
        assertThat(p.admitsFamily("m6i.2xlarge")).isTrue();
        assertThat(p.admitsFamily("c6id.2xlarge")).isTrue();
        assertThat(p.admitsFamily("r7i.4xlarge")).isTrue();
        assertThat(p.admitsFamily("p3.2xlarge")).isFalse();
        assertThat(p.admitsFamily("t3.2xlarge")).isFalse();
    }

    @Test
    void onlyContainerImagesAreRefusedWithAReason() {
        assertThat(aws.unsupported()).containsOnlyKeys(CloudFeature.DOCKER_IMAGE);
        assertThat(aws.unsupported().get(CloudFeature.DOCKER_IMAGE)).contains("not supported yet");
        assertThat(aws.attachableAccelerators()).isFalse();
        assertThat(aws.choosableWhenNotPinned()).isTrue();
    }

    @Test
    void offeringsComeFromTheBundledCatalog(@TempDir Path home) {
        Catalog c = aws.offerings(new SkyPaths(home, home));
        assertThat(c.cloud()).isEqualTo("aws");
        assertThat(c.rows()).isNotEmpty();
        assertThat(c.rows()).anySatisfy(r -> assertThat(r.instanceType()).startsWith("m6i."));
    }
}
