package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.core.SkyException;
import dev.sky.core.task.Infra;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI flags applied over a task YAML, including {@code none} resets, env files and required values. */
class TaskOverridesTest {
    @TempDir
    Path dir;

    private static final String YAML = """
            name: yaml-name
            num_nodes: 2
            envs:
              MODEL: llama
              SIZE: 7
              TOKEN:
            file_mounts:
              /m: s3://w/${MODEL}-${SIZE}b
            resources:
              infra: aws/us-east-1/us-east-1a
              cpus: 8+
              memory: 32+
              accelerators: {A100: 1, V100: 1}
              instance_type: p3.2xlarge
              image_id: docker:img
              disk_size: 100
              disk_tier: high
              network_tier: best
              ports: [8080]
            run: echo
            """;

    private static Pipeline parsed() {
        return TaskLoader.parseString(YAML, "task.yaml");
    }

    private static Task apply(TaskOverrides.Builder b) {
        return b.build().apply(parsed()).single();
    }

    private static TaskOverrides.Builder withToken() {
        return TaskOverrides.builder().envs(List.of("TOKEN=x"));
    }

    private static SkyException error(TaskOverrides o) {
        SkyException e = catchThrowableOfType(SkyException.class, () -> o.apply(parsed()));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        return e;
    }

    @Test
    void nullEnvMustBeGiven() {
        assertThat(error(TaskOverrides.none()).getMessage()).startsWith("task.yaml:6:3: envs.TOKEN: ")
                .contains("--env TOKEN=");
    }

    @Test
    void envFlagsFillVariablesAndBareKeysComeFromTheEnvironment() {
        Task t = apply(TaskOverrides.builder().envs(List.of("SIZE=70", "TOKEN")).environment(Map.of("TOKEN", "tk")));
        assertThat(t.envs()).containsEntry("SIZE", "70").containsEntry("TOKEN", "tk").containsEntry("MODEL", "llama");
        assertThat(t.fileMounts()).containsKey("/m");
        assertThat(t.fileMounts().get("/m").source()).isEqualTo("s3://w/llama-70b");
    }

    @Test
    void bareEnvKeyMissingLocallyIsAnError() {
        assertThat(error(TaskOverrides.builder().envs(List.of("TOKEN")).build()).getMessage())
                .isEqualTo("--env TOKEN: TOKEN is not set in the local environment; give it as TOKEN=<value>");
    }

    @Test
    void envFileIsReadAndEnvFlagsWin() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "# comment\nexport TOKEN='from file'\nSIZE=13 # inline comment\nMODEL=\"mis\\ntral\"\n");
        Task t = apply(TaskOverrides.builder().envFile(file).envs(List.of("SIZE=8")));
        assertThat(t.envs()).containsEntry("TOKEN", "from file").containsEntry("SIZE", "8")
                .containsEntry("MODEL", "mis\ntral");
    }

    @Test
    void secretsFromFlagsAndMissingSecretMessageHasNoValue() {
        Pipeline p = TaskLoader.parseString("secrets:\n  KEY:\n  OTHER: s3cr3t\n", "task.yaml");
        Task t = TaskOverrides.builder().secrets(List.of("KEY=v4lue")).build().apply(p).single();
        assertThat(t.secrets()).containsEntry("KEY", "v4lue");
        SkyException e = catchThrowableOfType(SkyException.class, () -> TaskOverrides.none().apply(p));
        assertThat(e.getMessage()).startsWith("task.yaml:2:3: secrets.KEY: ").contains("--secret KEY=")
                .doesNotContain("s3cr3t");
    }

    @Test
    void resourceFlagsReplaceYamlValues() {
        Task t = apply(withToken().gpus("H100:8").cpus("16").memory("64+").instanceType("p5.48xlarge")
                .useSpot(true).imageId("ami-123").diskSize("1Ti").diskTier("ultra").networkTier("standard")
                .ports(List.of("22", "8000-8001")).numNodes(4).name("flag-name"));
        assertThat(t.name()).isEqualTo("flag-name");
        assertThat(t.numNodes()).isEqualTo(4);
        assertThat(t.resources().candidates()).singleElement().satisfies(r -> {
            assertThat(r.accelerator().toString()).isEqualTo("H100:8");
            assertThat(r.cpus().toString()).isEqualTo("16");
            assertThat(r.memory().toString()).isEqualTo("64+");
            assertThat(r.instanceType()).isEqualTo("p5.48xlarge");
            assertThat(r.useSpot()).isTrue();
            assertThat(r.imageId()).isEqualTo(Map.of("*", "ami-123"));
            assertThat(r.diskSizeGb()).isEqualTo(1024);
            assertThat(r.diskTier()).isEqualTo("ultra");
            assertThat(r.networkTier()).isEqualTo("standard");
            assertThat(r.ports()).containsExactly("22", "8000-8001");
            assertThat(r.infra()).isEqualTo(new Infra("aws", "us-east-1", "us-east-1a"));
        });
    }

    @Test
    void noneResetsFields() {
        Task t = apply(withToken().gpus("none").cpus("NONE").memory("none").instanceType("none").imageId("none")
                .diskTier("none").networkTier("none").ports(List.of("none")).infra("none"));
        Resources r = t.resources().candidates().get(0);
        assertThat(t.resources().candidates()).hasSize(1);
        assertThat(r.accelerator()).isNull();
        assertThat(r.cpus()).isNull();
        assertThat(r.memory()).isNull();
        assertThat(r.instanceType()).isNull();
        assertThat(r.imageId()).isEmpty();
        assertThat(r.diskTier()).isNull();
        assertThat(r.networkTier()).isNull();
        assertThat(r.ports()).isEmpty();
        assertThat(r.infra().isAny()).isTrue();
    }

    @Test
    void bareCloudInfraDropsTheYamlRegionAndZone() {
        Resources r = apply(withToken().infra("gcp")).resources().first();
        assertThat(r.infra()).isEqualTo(new Infra("gcp", null, null));
        assertThat(apply(withToken().infra("k8s/ctx")).resources().first().infra())
                .isEqualTo(new Infra("kubernetes", "ctx", null));
    }

    @Test
    void portsNoneWithOtherPortsIsAnError() {
        assertThat(error(withToken().ports(List.of("none", "80")).build()).getMessage())
                .isEqualTo("--ports: cannot give both 'none' and other ports");
    }

    @Test
    void badFlagValuesNameTheFlag() {
        assertThat(error(withToken().cpus("many").build()).getMessage()).startsWith("--cpus: expected");
        assertThat(error(withToken().gpus("A100:x").build()).getMessage()).startsWith("--gpus: ");
        assertThat(error(withToken().diskTier("fast").build()).getMessage()).startsWith("--disk-tier: 'fast'");
        assertThat(error(withToken().infra("nocloud").build()).getMessage()).startsWith("--infra: unknown cloud");
        assertThat(error(withToken().numNodes(0).build()).getMessage()).startsWith("--num-nodes:");
        assertThat(error(withToken().workdir(dir.resolve("missing").toString()).build()).getMessage())
                .startsWith("--workdir:");
        assertThat(error(withToken().envs(List.of("TOKEN=x", "1BAD=y")).build()).getMessage())
                .startsWith("--env: '1BAD'");
    }

    @Test
    void workdirFlagMustBeAnExistingDirectory() {
        Task t = apply(withToken().workdir(dir.toString()));
        assertThat(t.workdir().localPath()).isEqualTo(dir.toString());
    }

    @Test
    void overridesApplyToEveryTaskOfAPipeline() {
        Pipeline p = TaskLoader.parseString("name: p\n---\nrun: a\n---\nrun: b\n", "task.yaml");
        Pipeline out = TaskOverrides.builder().cpus("2").build().apply(p);
        assertThat(out.tasks()).hasSize(2)
                .allSatisfy(t -> assertThat(t.resources().first().cpus().toString()).isEqualTo("2"));
        assertThat(TaskOverrides.builder().cpus("2").build().any()).isTrue();
        assertThat(TaskOverrides.none().any()).isFalse();
    }
}
