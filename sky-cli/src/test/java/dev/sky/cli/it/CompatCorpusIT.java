package dev.sky.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.SkyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real SkyPilot task YAML in ../shared/compat/skypilot-yamls goes through {@code sky launch --dryrun
 * --all-clouds} (or {@code sky jobs launch --dryrun} for pipelines). At least 90% get a plan; the rest are refused
 * with a reason that names the position in the file or the cloud, and are listed in docs/compatibility.md. None
 * crashes. A file that leaves an env or secret empty is refused until the user gives it a value, as a user would:
 * the test gives a placeholder with {@code --env}/{@code --secret} and counts it as planned with a value.
 */
class CompatCorpusIT {
    /** A value no output may echo when it is given as a secret. */
    private static final String PLACEHOLDER = "compat-placeholder-value";
    /** The refusal for an env or secret without a value names the flag that supplies it. */
    private static final Pattern NO_VALUE = Pattern.compile(
            "has no value\\..*?with (--env|--secret) ([A-Za-z_][A-Za-z0-9_]*)=<value>");
    /** A refusal names where in the file ({@code file.yaml:3:5:}) or which cloud ({@code  AWS: ...}). */
    private static final Pattern NAMES_PLACE_OR_CLOUD = Pattern.compile(
            "\\.ya?ml:\\d+:\\d+: |(?m)^\\s+(AWS|GCP|Azure|Kubernetes|Local|SSH): ");
    private static final int MAX_VALUES = 10;

    @TempDir
    Path tmp;

    static Path corpus() {
        String p = System.getProperty("sky.compat.dir");
        return p != null ? Path.of(p) : Path.of("..", "..", "shared", "compat", "skypilot-yamls").toAbsolutePath()
                .normalize();
    }

    /**
     * @param file the YAML's file name
     * @param planned whether a plan was printed
     * @param reason the refusal without warnings, lines joined with {@code " | "} (null when planned)
     * @param suppliedValues the flags given so it could plan, e.g. {@code --secret HF_TOKEN}
     */
    record Outcome(String file, boolean planned, String reason, List<String> suppliedValues) {}

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
            outcomes.add(run(sky, f));
        }
        long planned = outcomes.stream().filter(Outcome::planned).count();
        String report = report(outcomes, planned);
        System.out.println("[compat] " + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "compat-report.txt"), report);
        assertThat(planned * 100.0 / outcomes.size()).as("share planned").isGreaterThanOrEqualTo(90.0);
        String doc = Files.readString(Path.of("..", "docs", "compatibility.md"));
        for (Outcome o : outcomes) {
            if (!o.planned()) {
                assertThat(doc).as("docs/compatibility.md lists refused " + o.file()).contains(o.file());
            } else if (!o.suppliedValues().isEmpty()) {
                assertThat(doc).as("docs/compatibility.md lists " + o.file() + " as planned with a value")
                        .contains(o.file());
            }
        }
    }

    /** Plans one file, giving a placeholder for each env or secret it is refused for, one at a time. */
    private static Outcome run(SkyProcess sky, Path f) {
        String name = f.getFileName().toString();
        List<String> values = new ArrayList<>();
        List<String> supplied = new ArrayList<>();
        CommandResult r = dryrun(sky, "launch", values, f);
        if (r.exitCode() == 2 && r.stderr().contains("sky jobs launch")) {
            r = dryrun(sky, "jobs", values, f);
        }
        boolean jobs = r.args().get(0).equals("jobs");
        for (int i = 0; i < MAX_VALUES && r.exitCode() == 2; i++) {
            Matcher m = NO_VALUE.matcher(r.stderr());
            if (!m.find()) {
                break;
            }
            String flag = m.group(1);
            String key = m.group(2);
            assertThat(supplied).as(name + ": asked again for " + key).doesNotContain(flag + " " + key);
            values.add(flag);
            values.add(key + "=" + PLACEHOLDER);
            supplied.add(flag + " " + key);
            r = dryrun(sky, jobs ? "jobs" : "launch", values, f);
        }
        String output = r.stderr() + r.stdout();
        assertThat(output).as(name + " printed a stack trace")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        if (supplied.stream().anyMatch(s -> s.startsWith("--secret"))) {
            assertThat(output).as(name + " echoed a secret").doesNotContain(PLACEHOLDER);
        }
        if (r.exitCode() == 0) {
            assertThat(r.stdout()).as(name).contains("Considered resources");
            return new Outcome(name, true, null, supplied);
        }
        assertThat(r.exitCode()).as(name + " exit code").isIn(2, 3);
        String reason = output.lines().map(String::strip)
                .filter(l -> !l.isBlank() && !l.startsWith("Warning:") && !l.startsWith("YAML to run:")
                        && !l.startsWith("Hint:"))
                .collect(Collectors.joining(" | "));
        assertThat(reason).as(name + " refusal reason").isNotBlank();
        assertThat(reason.toLowerCase()).as(name + " reason is more than 'unsupported'").isNotEqualTo("unsupported");
        assertThat(NAMES_PLACE_OR_CLOUD.matcher(output).find())
                .as(name + " reason names the place in the file or a cloud: " + reason).isTrue();
        return new Outcome(name, false, reason, supplied);
    }

    private static CommandResult dryrun(SkyProcess sky, String command, List<String> values, Path f) {
        List<String> args = new ArrayList<>();
        if (command.equals("jobs")) {
            args.add("jobs");
        }
        args.add("launch");
        args.add("--dryrun");
        args.add("--all-clouds");
        args.addAll(values);
        args.add(f.toString());
        return sky.run(args.toArray(String[]::new));
    }

    private static String report(List<Outcome> outcomes, long planned) {
        StringBuilder b = new StringBuilder("planned " + planned + " of " + outcomes.size() + "\n");
        outcomes.stream().filter(o -> o.planned() && !o.suppliedValues().isEmpty()).forEach(o -> b.append(o.file())
                .append(": planned with a value for ").append(String.join(", ", o.suppliedValues())).append('\n'));
        outcomes.stream().filter(o -> !o.planned()).forEach(o -> b.append(o.file()).append(": refused: ")
                .append(o.reason()).append('\n'));
        return b.toString();
    }
}
