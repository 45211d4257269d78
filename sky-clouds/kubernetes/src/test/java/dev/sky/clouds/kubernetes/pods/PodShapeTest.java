package dev.sky.clouds.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Infra;
import dev.sky.core.task.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodShapeTest {

    static Resources request(Amount cpus, Amount memory, AcceleratorDemand acc, String instanceType) {
        return new Resources(new Infra("kubernetes", null, null), cpus, memory, acc, instanceType, false, null,
                Resources.DEFAULT_DISK_SIZE_GB, null, null, null, null, null, null, Map.of(), null, null, null);
    }

    @Test
    void withoutASizeAPodHasSkyPilotsDefaults() {
        assertThat(PodShape.of(request(null, null, null, null)).name()).isEqualTo("2CPU--2GB");
        assertThat(PodShape.of(request(null, null, AcceleratorDemand.of("A100", 1), null)).name())
                .isEqualTo("4CPU--16GB--A100:1");
        assertThat(PodShape.of(request(null, null, AcceleratorDemand.of("H100", 8), null)).name())
                .isEqualTo("32CPU--128GB--H100:8");
    }

    @Test
    void aPodGetsExactlyWhatItAsksForAndAtLeastMeansThatMuch() {
        PodShape amd = PodShape.of(request(Amount.exact(128), Amount.atLeast(512), AcceleratorDemand.of("MI300", 2),
                null));
        assertThat(amd).isEqualTo(new PodShape(128, 512, "MI300", 2));
        assertThat(amd.name()).isEqualTo("128CPU--512GB--MI300:2");
        assertThat(PodShape.of(request(Amount.atLeast(90), null, AcceleratorDemand.of("A100", 8), null)).name())
                .isEqualTo("90CPU--360GB--A100:8");
        assertThat(PodShape.of(request(Amount.exact(4), Amount.perCpu(2), null, null)).name())
                .isEqualTo("4CPU--8GB");
        assertThat(PodShape.of(request(Amount.exact(0.5), Amount.exact(1.5), null, null)).name())
                .isEqualTo("0.5CPU--1.5GB");
    }

    @Test
    void aNamedShapeIsParsedBackAndOtherNamesAreNotShapes() {
        assertThat(PodShape.parse("4CPU--16GB--A100:1")).isEqualTo(new PodShape(4, 16, "A100", 1));
        assertThat(PodShape.parse("0.5CPU--1.5GB")).isEqualTo(new PodShape(0.5, 1.5, null, 0));
        assertThat(PodShape.of(request(null, null, null, "8CPU--32GB")).name()).isEqualTo("8CPU--32GB");
        assertThat(PodShape.parse("n1-highmem-8")).isNull();
        assertThat(PodShape.of(request(null, null, null, "p5.48xlarge"))).isNull();
    }

    @Test
    void anAcceleratorNamedByItsMemoryCannotBeShaped() {
        assertThat(PodShape.of(request(null, null, new AcceleratorDemand(null, 1, 80.0, true, "nvidia"), null)))
                .isNull();
    }
}
