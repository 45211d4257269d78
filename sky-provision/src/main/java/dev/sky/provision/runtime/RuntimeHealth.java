package dev.sky.provision.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code sky-rt health} reported: its key=value facts and, when broken, the parts that are down
 * ({@code runtime_files}, {@code node_not_initialised}, {@code scheduler}, {@code autostop_watchdog}).
 *
 * @param facts every key=value line, in order
 */
public record RuntimeHealth(Map<String, String> facts) {
    public RuntimeHealth {
        facts = Map.copyOf(facts);
    }

    /** Reads the output; lines that are not key=value are ignored (a damaged runtime may print anything). */
    public static RuntimeHealth parse(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new RuntimeHealth(out);
    }

    public boolean healthy() {
        return "ok".equals(facts.get("health"));
    }

    /** The parts that are down, as the runtime names them; empty when healthy or not said. */
    public List<String> broken() {
        String b = facts.getOrDefault("broken", "");
        return b.isBlank() ? List.of() : List.of(b.strip().split("\\s+"));
    }

    /** What is wrong, for users: e.g. "the job scheduler daemon is down (1 unfinished job(s))". */
    public String describeBroken() {
        List<String> parts = broken().stream().map(this::phrase).toList();
        return parts.isEmpty() ? "the runtime did not say what is wrong" : String.join(", ", parts);
    }

    private String phrase(String part) {
        return switch (part) {
            case "runtime_files" -> "the runtime's files are damaged (" + facts.getOrDefault("files", "?") + ")";
            case "node_not_initialised" -> "the cluster's runtime configuration is missing";
            case "scheduler" -> "the job scheduler daemon is down (" + facts.getOrDefault("unfinished_jobs", "?")
                    + " unfinished job(s))";
            case "autostop_watchdog" -> "the autostop watchdog is down";
            default -> part + " is down";
        };
    }
}
