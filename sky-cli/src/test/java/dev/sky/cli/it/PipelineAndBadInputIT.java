package dev.sky.cli.it;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.cli.testing.SkyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-task YAMLs and bad input, on the packaged distribution. */
class PipelineAndBadInputIT {
    static final String PIPELINE = """
            name: pipe
            ---
            name: prep
            resources:
              cpus: 4+
            run: echo prep
            ---
            name: train
            resources:
              accelerators: V100:1
            run: echo train
            """;

    @TempDir
    Path dir;
    SkyProcess sky;

    @BeforeEach
    void setUp() {
        sky = new SkyProcess(dir);
    }

    @Test
    void launchRefusesAPipelinePointingToJobsLaunch() throws IOException {
        Path yaml = Files.writeString(dir.resolve("pipe.yaml"), PIPELINE);
        CommandResult r = sky.run("launch", "--dryrun", yaml.toString());
        assertThat(r).exitedWith(2).errIsOneLine().noStackTrace().errContains("sky jobs launch");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void jobsLaunchPlansEachTaskOfAPipeline() throws IOException {
        Path yaml = Files.writeString(dir.resolve("pipe.yaml"), PIPELINE);
        CommandResult r = sky.run("jobs", "launch", "--dryrun", "--all-clouds", "--json", yaml.toString());
        assertThat(r).succeeded();
        Map<String, Object> root = MiniJson.object(r.stdout());
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) (List<?>) root.get("tasks");
        assertThat(tasks).extracting(t -> t.get("name")).containsExactly("prep", "train");
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("chosen")).isNotNull());
        Map<String, Object> trainChosen = (Map<String, Object>) tasks.get(1).get("chosen");
        assertThat((Map<String, Object>) trainChosen.get("accelerators")).containsEntry("V100", 1.0);

        CommandResult text = sky.run("jobs", "launch", "--dryrun", "--all-clouds", yaml.toString());
        assertThat(text).succeeded().outContains("Considered resources for task 'prep'",
                "Considered resources for task 'train'", "Best plan:");
    }

    @Test
    void jobsLaunchWithoutDryrunSaysManagedJobsAreNotAvailable() throws IOException {
        Path yaml = Files.writeString(dir.resolve("pipe.yaml"), PIPELINE);
        assertThat(sky.run("jobs", "launch", yaml.toString())).exitedWith(1).errIsOneLine()
                .errContains("not available yet");
    }

    @Test
    void badYamlNamesFileLineAndColumnAndWritesNothing() throws IOException {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "name: x\nresources:\n  acelerators: V100:1\n");
        CommandResult r = sky.run("launch", "--dryrun", yaml.toString());
        assertThat(r).exitedWith(2).noStackTrace().errIsOneLine().errContains(yaml + ":3:3", "accelerators");
        assertThat(r.stdout()).isEmpty();
        assertThat(Files.exists(sky.skyHome().resolve("state.db"))).isFalse();
    }

    @Test
    void truncatedYamlIsInvalidInput() throws IOException {
        Path yaml = Files.writeString(dir.resolve("cut.yaml"), "resources:\n  accelerators: [V100:1\n");
        assertThat(sky.run("launch", "--dryrun", yaml.toString())).exitedWith(2).noStackTrace()
                .errContains(yaml.toString());
        assertThat(Files.exists(sky.skyHome().resolve("state.db"))).isFalse();
    }

    @Test
    void missingYamlFileIsInvalidInput() {
        assertThat(sky.run("launch", "--dryrun", dir.resolve("nope.yaml").toString())).exitedWith(2).errIsOneLine()
                .errContains("no such file");
    }

    @Test
    void badFlagValueIsInvalidInput() throws IOException {
        Path yaml = Files.writeString(dir.resolve("ok.yaml"), "run: echo hi\n");
        assertThat(sky.run("launch", "--dryrun", "--num-nodes", "many", yaml.toString())).exitedWith(2)
                .noStackTrace().errContains("--num-nodes");
        assertThat(sky.run("launch", "--dryrun", "--env", "NOT_SET_ANYWHERE_42", yaml.toString())).exitedWith(2)
                .noStackTrace().errContains("NOT_SET_ANYWHERE_42");
    }

    @Test
    void serviceSectionIsIgnoredWithAHint() throws IOException {
        Path yaml = Files.writeString(dir.resolve("svc.yaml"),
                "service:\n  readiness_probe: /\nresources:\n  accelerators: V100:1\n  ports: 8080\nrun: serve\n");
        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", yaml.toString());
        assertThat(r).succeeded().errContains("service:", "sky serve up").outContains("Considered resources");
    }
}
