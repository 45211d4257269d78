package dev.sky.optimizer.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.optimizer.match.AttachableHostRules.FixedHosts;
import dev.sky.optimizer.match.AttachableHostRules.InvalidCount;
import dev.sky.optimizer.match.AttachableHostRules.N1Host;
import dev.sky.optimizer.match.AttachableHostRules.NoHost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GCP's host pairings as SkyPilot applies them (gcp_catalog: fixed hosts, n1 default sizes and size caps). */
class AttachableHostRulesTest {

    @Test
    void fixedHostsPerCount() {
        assertThat(AttachableHostRules.forAccelerator("A100", 8)).isEqualTo(new FixedHosts(List.of("a2-highgpu-8g")));
        assertThat(AttachableHostRules.forAccelerator("a100-80gb", 1))
                .isEqualTo(new FixedHosts(List.of("a2-ultragpu-1g")));
        assertThat(AttachableHostRules.forAccelerator("H100", 8)).isEqualTo(new FixedHosts(List.of("a3-highgpu-8g")));
        assertThat(AttachableHostRules.forAccelerator("L4", 1)).isInstanceOfSatisfying(FixedHosts.class,
                f -> assertThat(f.instanceTypes()).startsWith("g2-standard-4").hasSize(5));
    }

    @Test
    void n1HostsGetSkyPilotsDefaultSizeAndGcpsCap() {
        assertThat(AttachableHostRules.forAccelerator("T4", 1)).isEqualTo(new N1Host(4, 48, 312));
        assertThat(AttachableHostRules.forAccelerator("T4", 4)).isEqualTo(new N1Host(48, 96, 624));
        assertThat(AttachableHostRules.forAccelerator("V100", 1)).isEqualTo(new N1Host(8, 12, 78));
        // P4 has a cap but no size entry of its own: the generic sizes apply.
        assertThat(AttachableHostRules.forAccelerator("P4", 2)).isEqualTo(new N1Host(16, 48, 312));
    }

    @Test
    void countsGcpCannotAttachAreRefusedWithTheValidOnes() {
        assertThat(AttachableHostRules.forAccelerator("T4", 8)).isEqualTo(new InvalidCount(List.of(1, 2, 4)));
        assertThat(AttachableHostRules.forAccelerator("A100", 3))
                .isEqualTo(new InvalidCount(List.of(1, 2, 4, 8, 16)));
        assertThat(AttachableHostRules.forAccelerator("V100", 0.5)).isInstanceOf(InvalidCount.class);
    }

    @Test
    void tpusNeedNoHost() {
        assertThat(AttachableHostRules.forAccelerator("tpu-v5litepod-8", 1)).isInstanceOf(NoHost.class);
    }

    @Test
    void fixedHostTypesImplyTheirAccelerator() {
        assertThat(AttachableHostRules.impliedBy("a2-highgpu-4g")).isEqualTo(new AttachableHostRules.Implied("a100", 4));
        assertThat(AttachableHostRules.impliedBy("g2-standard-8")).isEqualTo(new AttachableHostRules.Implied("l4", 1));
        assertThat(AttachableHostRules.impliedBy("n1-standard-8")).isNull();
    }
}
