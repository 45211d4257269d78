package dev.sky.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.yaml.TaskOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TaskOptionsToOverridesTest {
    static TaskOptions parse(String... args) {
        TaskOptions o = new TaskOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void everyFlagReachesTheOverrides() {
        TaskOptions o = parse("-n", "job", "--workdir", ".", "--infra", "aws/us-east-1", "--num-nodes", "2",
                "--cpus", "4+", "--memory", "16+", "--gpus", "A100:8", "-t", "p4d.24xlarge", "--use-spot",
                "--image-id", "docker:ubuntu", "--disk-size", "100", "--disk-tier", "high", "--network-tier", "best",
                "--ports", "8080", "--ports", "9000-9010", "--env", "A=1", "--env", "B", "--env-file", "x.env",
                "--secret", "TOKEN=s3cret");
        List<String> warnings = new ArrayList<>();
        TaskOverrides t = TaskOptionsToOverrides.map(o, Map.of("B", "2"), warnings::add);
        assertThat(t.name()).isEqualTo("job");
        assertThat(t.infra()).isEqualTo("aws/us-east-1");
        assertThat(t.numNodes()).isEqualTo(2);
        assertThat(t.cpus()).isEqualTo("4+");
        assertThat(t.memory()).isEqualTo("16+");
        assertThat(t.gpus()).isEqualTo("A100:8");
        assertThat(t.instanceType()).isEqualTo("p4d.24xlarge");
        assertThat(t.useSpot()).isTrue();
        assertThat(t.imageId()).isEqualTo("docker:ubuntu");
        assertThat(t.diskSize()).isEqualTo("100");
        assertThat(t.diskTier()).isEqualTo("high");
        assertThat(t.networkTier()).isEqualTo("best");
        assertThat(t.ports()).containsExactly("8080", "9000-9010");
        assertThat(t.envs()).containsExactly("A=1", "B");
        assertThat(t.envFile().toString()).isEqualTo("x.env");
        assertThat(t.secrets()).containsExactly("TOKEN=s3cret");
        assertThat(t.environment()).containsEntry("B", "2");
        assertThat(t.workdir()).isEqualTo(".");
        assertThat(warnings).isEmpty();
        assertThat(o.anyTaskFlag()).isTrue();
    }

    @Test
    void noUseSpotIsFalseAndAbsentIsNull() {
        assertThat(TaskOptionsToOverrides.map(parse("--no-use-spot"), Map.of(), w -> { }).useSpot()).isFalse();
        assertThat(TaskOptionsToOverrides.map(parse(), Map.of(), w -> { }).useSpot()).isNull();
    }

    @Test
    void deprecatedLocationFlagsBecomeInfraWithAWarning() {
        List<String> warnings = new ArrayList<>();
        assertThat(TaskOptionsToOverrides.map(parse("--cloud", "gcp"), Map.of(), warnings::add).infra())
                .isEqualTo("gcp");
        assertThat(TaskOptionsToOverrides.map(parse("--cloud", "aws", "--region", "us-west-2"), Map.of(),
                warnings::add).infra()).isEqualTo("aws/us-west-2");
        assertThat(TaskOptionsToOverrides.map(parse("--zone", "us-east-1a"), Map.of(), warnings::add).infra())
                .isEqualTo("*/*/us-east-1a");
        assertThat(warnings).hasSize(3).allMatch(w -> w.contains("deprecated") && w.contains("--infra"));
    }

    @Test
    void deprecatedFlagsWithInfraAreInvalidInput() {
        assertThatThrownBy(() -> TaskOptionsToOverrides.map(parse("--infra", "aws", "--region", "us-east-1"),
                Map.of(), w -> { })).isInstanceOf(SkyException.class)
                .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void envOnlyKeepsJustTheVariables() {
        TaskOverrides t = TaskOptionsToOverrides.envOnly(parse("--gpus", "A100", "--env", "A=1", "--secret", "S=x"),
                Map.of());
        assertThat(t.gpus()).isNull();
        assertThat(t.envs()).containsExactly("A=1");
        assertThat(t.secrets()).containsExactly("S=x");
        assertThat(parse("--env", "A=1").anyTaskFlag()).isFalse();
    }
}
