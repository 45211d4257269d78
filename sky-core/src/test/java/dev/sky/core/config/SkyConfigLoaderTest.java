package dev.sky.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkyConfigLoaderTest {
    @TempDir Path home;

    private SkyConfig load(String yaml) throws IOException {
        Files.writeString(home.resolve("config.yaml"), yaml);
        return SkyConfigLoader.load(new SkyPaths(home, home));
    }

    private SkyException failure(String yaml) {
        try {
            load(yaml);
        } catch (SkyException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the config to be rejected");
    }

    @Test
    void missingFileAllowsEveryCloud() {
        SkyConfig config = SkyConfigLoader.load(new SkyPaths(home, home));
        assertThat(config.allowedClouds()).isNull();
        assertThat(config.allows("aws")).isTrue();
        assertThat(config.allowedCloudsKey()).isEqualTo("*");
    }

    @Test
    void readsAllowedCloudsLowercasedWithAStableKey() throws IOException {
        SkyConfig config = load("allowed_clouds:\n  - GCP\n  - aws\n");
        assertThat(config.allowedClouds()).containsExactly("gcp", "aws");
        assertThat(config.allows("aws")).isTrue();
        assertThat(config.allows("azure")).isFalse();
        assertThat(config.allowedCloudsKey()).isEqualTo("aws,gcp");
        assertThat(config.where("allowed_clouds[1]")).endsWith("config.yaml:3:5");
    }

    @Test
    void emptyAllowedListAllowsNothing() throws IOException {
        SkyConfig config = load("allowed_clouds: []\n");
        assertThat(config.allowedClouds()).isEmpty();
        assertThat(config.allows("local")).isFalse();
        assertThat(config.allowedCloudsKey()).isEmpty();
    }

    @Test
    void keepsOtherKeysForLaterFeatures() throws IOException {
        SkyConfig config = load("aws:\n  labels:\n    team: ml\nkubernetes:\n  allowed_contexts: [a, b]\n");
        assertThat(config.get("aws.labels.team")).contains("ml");
        assertThat(config.get("aws.nothing")).isEmpty();
        assertThat(config.stringList("kubernetes.allowed_contexts")).contains(List.of("a", "b"));
        assertThat(config.allowedClouds()).isNull();
    }

    @Test
    void unknownTopLevelKeyNamesLineColumnAndSuggestsTheNearest() {
        SkyException e = failure("jobs: {}\nallowed_cloud:\n  - aws\n");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .contains("config.yaml:2:1")
                .contains("unknown key 'allowed_cloud'")
                .contains("Did you mean 'allowed_clouds'?");
    }

    @Test
    void allowedCloudsMustBeAList() {
        SkyException e = failure("allowed_clouds: aws\n");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("config.yaml:1:17").contains("allowed_clouds: expected a list");
    }

    @Test
    void allowedCloudsItemsMustBeNames() {
        SkyException e = failure("allowed_clouds:\n  - aws\n  - {x: 1}\n");
        assertThat(e.getMessage()).contains("config.yaml:3:5").contains("allowed_clouds[1]");
    }

    @Test
    void brokenYamlNamesTheSpot() {
        SkyException e = failure("allowed_clouds: [aws\n");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).containsPattern("config\\.yaml:\\d+:\\d+: invalid YAML");
    }

    @Test
    void duplicateKeysAreRejected() {
        SkyException e = failure("allowed_clouds: [aws]\nallowed_clouds: [gcp]\n");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("config.yaml:2:");
    }

    @Test
    void rootMustBeAMapping() {
        SkyException e = failure("- aws\n");
        assertThat(e.getMessage()).contains("config.yaml:1:1").contains("mapping");
    }

    @Test
    void loadingWritesNothing() throws IOException {
        assertThatThrownBy(() -> load("bogus: 1\n")).isInstanceOf(SkyException.class);
        load("allowed_clouds: [aws]\n");
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.yaml");
        }
    }

    @Test
    void emptyFileIsAnEmptyConfig() throws IOException {
        SkyConfig config = load("# nothing yet\n");
        assertThat(config.allowedClouds()).isNull();
        assertThat(config.raw()).isEmpty();
    }
}
