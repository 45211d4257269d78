package dev.sky.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's {@code SKY_HOME/config.yaml}, SkyPilot's {@code ~/.sky/config.yaml} layout.
 * Only the keys sky acts on are typed; the rest stays in {@link #raw()} for later features.
 *
 * @param source the file read, or null when there is none
 * @param allowedClouds {@code allowed_clouds}: the cloud ids sky may check and use, as written (lowercased);
 *     null when the key is absent (every cloud is allowed)
 * @param raw the whole document as plain Java values (maps, lists, strings, numbers, booleans)
 * @param marks where each value was written, by path ({@code allowed_clouds}, {@code allowed_clouds[1]},
 *     {@code kubernetes.allowed_contexts}), for error messages
 */
public record SkyConfig(Path source, List<String> allowedClouds, Map<String, Object> raw, Map<String, Mark> marks) {

    /** A line and column (both 1-based) in the config file. */
    public record Mark(int line, int column) {}

    public SkyConfig {
        allowedClouds = allowedClouds == null ? null : List.copyOf(allowedClouds);
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(raw);
        marks = marks == null ? Map.of() : Map.copyOf(marks);
    }

    /** No config file: everything at its default. */
    public static SkyConfig empty() {
        return new SkyConfig(null, null, Map.of(), Map.of());
    }

    /** Whether {@code allowed_clouds} admits the cloud (always true when the key is absent). */
    public boolean allows(String cloudId) {
        return allowedClouds == null || allowedClouds.contains(cloudId);
    }

    /**
     * A stable text for what {@code allowed_clouds} says, so a cache can tell when it changed:
     * {@code *} when absent, else the sorted ids joined by commas.
     */
    public String allowedCloudsKey() {
        if (allowedClouds == null) {
            return "*";
        }
        return String.join(",", allowedClouds.stream().sorted().distinct().toList());
    }

    /** The value at a dotted path ({@code kubernetes.allowed_contexts}), if present. */
    public Optional<Object> get(String dottedPath) {
        Object node = raw;
        for (String part : dottedPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return Optional.empty();
            }
            node = m.get(part);
        }
        return Optional.ofNullable(node);
    }

    /** A list of strings at a dotted path; the loader has checked its type for the keys it knows. */
    public Optional<List<String>> stringList(String dottedPath) {
        return get(dottedPath).filter(List.class::isInstance)
                .map(v -> ((List<?>) v).stream().map(String::valueOf).toList());
    }

    /** {@code file:line:col} of the value at {@code path}, or just the file name. */
    public String where(String path) {
        String file = source == null ? "config.yaml" : source.toString();
        Mark m = marks.get(path);
        return m == null ? file : file + ":" + m.line() + ":" + m.column();
    }
}
