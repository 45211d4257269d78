package dev.sky.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.SkyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real SkyPilot task YAML in ../shared/compat/skypilot-yamls goes through {@code sky launch --dryrun
 * --all-clouds} (or {@code sky jobs launch --dryrun} for pipelines). At least 90% get a plan; the rest are refused
 * with a reason that names the feature or cloud, and are listed in docs/compatibility.md. None crashes.
 */
class CompatCorpusIT {
    @TempDir
    Path tmp;

    static Path corpus() {
        String p = System.getProperty("sky.compat.dir");
        return p != null ? Path.of(p) : Path.of("..", "..", "shared", "compat", "skypilot-yamls").toAbsolutePath()
                .normalize();
    }

    record Outcome(String file, boolean planned, String reason) {}

    @Test
    void realSkyPilotYamlsPlanOrAreRefusedWithAReason() throws Exception {
        Path dir = corpus();
        assumeTrue(Files.isDirectory(dir), "compat corpus not found at " + dir + "; skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        SkyProcess sky = new SkyProcess(tmp);
        List<Outcome> outcomes = new ArrayList<>();
        for (Path f : files) {
            CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", f.toString());
            if (r.exitCode() == 2 && r.stderr().contains("sky jobs launch")) {
                r = sky.run("jobs", "launch", "--dryrun", "--all-clouds", f.toString());
            }
            String name = f.getFileName().toString();
            assertThat(r.stderr() + r.stdout()).as(name + " printed a stack trace")
                    .doesNotContain("\tat ").doesNotContain("Exception in thread");
            if (r.exitCode() == 0) {
                assertThat(r.stdout()).as(name).contains("Considered resources");
                outcomes.add(new Outcome(name, true, null));
            } else {
                assertThat(r.exitCode()).as(name + " exit code").isIn(2, 3);
                String reason = (r.stderr() + "\n" + r.stdout()).strip();
                assertThat(reason).as(name + " refusal reason").isNotBlank();
                assertThat(reason.toLowerCase()).as(name + " reason is more than 'unsupported'")
                        .isNotEqualTo("unsupported");
                outcomes.add(new Outcome(name, false, reason.lines().filter(l -> !l.isBlank()).findFirst()
                        .orElse("")));
            }
        }
        long planned = outcomes.stream().filter(Outcome::planned).count();
        StringBuilder report = new StringBuilder();
        outcomes.stream().filter(o -> !o.planned()).forEach(o -> report.append(o.file()).append(": ")
                .append(o.reason()).append('\n'));
        System.out.println("[compat] planned " + planned + " of " + outcomes.size() + "\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "compat-report.txt"), "planned " + planned + " of " + outcomes.size()
                + "\n" + report);
        assertThat(planned * 100.0 / outcomes.size()).as("share planned").isGreaterThanOrEqualTo(90.0);
        String doc = Files.readString(Path.of("..", "docs", "compatibility.md"));
        for (Outcome o : outcomes) {
            if (!o.planned()) {
                assertThat(doc).as("docs/compatibility.md lists refused " + o.file()).contains(o.file());
            }
        }
    }
}
