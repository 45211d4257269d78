package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cpus, memory, disk_size, autostop durations and ports in every form. */
class QuantityFormsTest {

    private static Resources resources(String body) {
        return Yamls.candidates("resources:\n" + body).get(0);
    }

    @ParameterizedTest(name = "cpus {0} -> {1} {2}")
    @CsvSource({"4, 4, EXACT", "'4+', 4, AT_LEAST", "0.5, 0.5, EXACT", "'\"8\"', 8, EXACT", "'\"2.5+\"', 2.5, AT_LEAST"})
    void cpus(String yaml, double value, Amount.Kind kind) {
        Amount a = resources("  cpus: " + yaml + "\n").cpus();
        assertThat(a.value()).isEqualTo(value);
        assertThat(a.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "memory {0} -> {1} {2}")
    @CsvSource({
            "16, 16, EXACT", "'16+', 16, AT_LEAST", "'4x', 4, PER_CPU", "0.5, 0.5, EXACT",
            "32GB, 32, EXACT", "32gb+, 32, AT_LEAST", "512Mi, 0.5, EXACT", "1024mb, 1, EXACT", "1Ti, 1024, EXACT",
            "2t, 2048, EXACT", "1048576k, 1, EXACT", "16G+, 16, AT_LEAST", "1073741824b, 1, EXACT", "1Pi, 1048576, EXACT"})
    void memory(String yaml, double gb, Amount.Kind kind) {
        Amount a = resources("  memory: " + yaml + "\n").memory();
        assertThat(a.value()).isEqualTo(gb);
        assertThat(a.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "disk_size {0} -> {1}")
    @CsvSource({"100, 100", "100GB, 100", "1Ti, 1024", "'2048 gb', 2048", "1TB, 1024"})
    void diskSize(String yaml, int gb) {
        assertThat(resources("  disk_size: " + yaml + "\n").diskSizeGb()).isEqualTo(gb);
    }

    @Test
    void diskSizeDefaultsTo256AndFractionsAreRejected() {
        assertThat(resources("  cpus: 1\n").diskSizeGb()).isEqualTo(256);
        assertThat(Yamls.error("resources:\n  disk_size: 100MB\n").getMessage())
                .startsWith("task.yaml:2:14: resources.disk_size:").contains("whole");
    }

    @ParameterizedTest(name = "autostop {0} -> {1} min, down={2}, enabled={3}")
    @CsvSource(delimiter = '|', value = {
            "true | 0 | false | true", "false | -1 | false | false", "10 | 10 | false | true",
            "2h | 120 | false | true", "1D | 1440 | false | true", "1w | 10080 | false | true", "30m | 30 | false | true",
            "{idle_minutes: 5, down: true} | 5 | true | true"})
    void autostop(String yaml, int minutes, boolean down, boolean enabled) {
        var a = resources("  autostop: " + yaml + "\n").autostop();
        assertThat(a.idleMinutes()).isEqualTo(minutes);
        assertThat(a.down()).isEqualTo(down);
        assertThat(a.enabled()).isEqualTo(enabled);
    }

    @Test
    void autostopWaitFor() {
        assertThat(resources("  autostop:\n    idle_minutes: 3\n    wait_for: JOBS\n").autostop().waitFor())
                .isEqualTo("jobs");
        assertThat(Yamls.error("resources:\n  autostop:\n    wait_for: ssh\n").getMessage())
                .startsWith("task.yaml:3:15: resources.autostop.wait_for:").contains("jobs_and_ssh");
    }

    @ParameterizedTest(name = "ports {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "8080 | 8080", "'8080' | 8080", "'10000-10010' | 10000-10010", "[8080, 8081, 8082] | 8080-8082",
            "[443, '8000-8010', 8005, 22] | 22,443,8000-8010", "[] | ''", "null | ''"})
    void ports(String yaml, String expected) {
        String joined = String.join(",", resources("  ports: " + yaml + "\n").ports());
        assertThat(joined).isEqualTo(expected);
    }

    @Test
    void quantitiesRejectJunkWithAReason() {
        assertThatThrownBy(() -> Quantities.cpus("4d")).hasMessageContaining("'4d'");
        assertThatThrownBy(() -> Quantities.memory("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.minutes("2 hours")).hasMessageContaining("2h");
        assertThatThrownBy(() -> Ports.simplify(java.util.List.of("70000"))).hasMessageContaining("65535");
        assertThatThrownBy(() -> Ports.simplify(java.util.List.of("9000-8000"))).hasMessageContaining("low-high");
    }

    @Test
    void otherResourceFields() {
        Resources r = resources("""
                  instance_type: p3.2xlarge
                  use_spot: true
                  disk_tier: BEST
                  network_tier: best
                  labels: {team: ml, tier: 1}
                  priority: -10
                  max_hourly_cost: 3.5
                  accelerator_args: {runtime_version: tpu-vm-base, tpu_vm: true}
                  job_recovery: {strategy: failover, max_restarts_on_errors: 3, recover_on_exit_codes: [33, 34]}
                """);
        assertThat(r.instanceType()).isEqualTo("p3.2xlarge");
        assertThat(r.useSpot()).isTrue();
        assertThat(r.diskTier()).isEqualTo("best");
        assertThat(r.networkTier()).isEqualTo("best");
        assertThat(r.labels()).containsEntry("team", "ml").containsEntry("tier", "1");
        assertThat(r.priority()).isEqualTo(-10);
        assertThat(r.maxHourlyCost()).isEqualTo(3.5);
        assertThat(r.acceleratorArgs()).containsEntry("runtime_version", "tpu-vm-base").containsEntry("tpu_vm", true);
        assertThat(r.jobRecovery().strategy()).isEqualTo("FAILOVER");
        assertThat(r.jobRecovery().maxRestartsOnErrors()).isEqualTo(3);
        assertThat(r.jobRecovery().recoverOnExitCodes()).containsExactly(33, 34);
    }

    @Test
    void integersFollowYaml12() {
        assertThat(resources("  priority: 010\n").priority()).isEqualTo(10);
        assertThat(resources("  priority: 0x10\n").priority()).isEqualTo(16);
        assertThat(resources("  priority: 0o10\n").priority()).isEqualTo(8);
    }

    @Test
    void jobRecoveryForms() {
        assertThat(resources("  job_recovery: EAGER_NEXT_REGION\n").jobRecovery().strategy())
                .isEqualTo("EAGER_NEXT_REGION");
        assertThat(resources("  job_recovery: none\n").jobRecovery()).isNull();
        assertThat(resources("  job_recovery:\n    max_restarts_on_errors: 2\n").jobRecovery().strategy()).isNull();
        var plugin = Yamls.task("resources:\n  job_recovery:\n    strategy: DYNAMIC_NODE_SET\n    min_nodes: 4\n");
        assertThat(plugin.resources().first().jobRecovery().options()).containsEntry("min_nodes", 4L);
        assertThat(plugin.warnings()).anyMatch(w -> w.startsWith("task.yaml:4:5: resources.job_recovery.min_nodes:"));
    }

    @Test
    void spotRecoveryIsReadWithADeprecationWarning() {
        var t = Yamls.task("resources:\n  spot_recovery: FAILOVER\n");
        assertThat(t.resources().first().jobRecovery().strategy()).isEqualTo("FAILOVER");
        assertThat(t.warnings()).containsExactly(
                "task.yaml:2:3: resources.spot_recovery: spot_recovery is deprecated; use job_recovery instead");
    }

    @Test
    void imageIdForms() {
        assertThat(resources("  image_id: docker:ubuntu:22.04\n").imageId()).containsExactly(
                java.util.Map.entry("*", "docker:ubuntu:22.04"));
        assertThat(resources("  image_id: docker:ubuntu:22.04\n").dockerImage()).isTrue();
        assertThat(resources("  image_id:\n    us-east-1: ami-1\n    us-west-2: ami-2\n").imageId())
                .containsEntry("us-east-1", "ami-1").containsEntry("us-west-2", "ami-2").hasSize(2);
        assertThat(resources("  image_id: null\n").imageId()).isEmpty();
    }
}
