package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.core.SkyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loads every real SkyPilot task YAML in the shared compat folder (read in place, never copied into the repo).
 * Nothing may fail with anything but a SkyException, and at least 90% must load.
 */
class CompatYamlsTest {

    static Path compatDir() {
        String prop = System.getProperty("sky.compat.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of("../../shared/compat/skypilot-yamls");
    }

    @Test
    void everySkyPilotYamlLoadsOrFailsCleanly() throws IOException {
        Path dir = compatDir();
        assumeTrue(Files.isDirectory(dir), "compat YAMLs not found at " + dir.toAbsolutePath()
                + " (set -Dsky.compat.dir); skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no *.yaml files in " + dir.toAbsolutePath() + "; skipping");
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try {
                // Some files need envs from the command line; parse() checks everything else.
                TaskLoader.parse(f);
            } catch (SkyException e) {
                assertThat(e.exitCode()).isEqualTo(2);
                assertThat(e.getMessage()).startsWith(f.toString() + ":");
                failures.add(f.getFileName() + " -> " + e.getMessage());
            }
        }
        failures.forEach(x -> System.out.println("[compat] did not load: " + x));
        int loaded = files.size() - failures.size();
        System.out.printf("[compat] %d of %d SkyPilot YAMLs loaded%n", loaded, files.size());
        assertThat(loaded * 10).as("at least 90%% must load; failures: %s", failures)
                .isGreaterThanOrEqualTo(files.size() * 9);
    }
}
