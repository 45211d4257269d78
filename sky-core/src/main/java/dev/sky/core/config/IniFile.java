package dev.sky.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only INI file as the AWS CLI and gcloud write them: {@code [section]} headers, {@code key = value} lines,
 * {@code #} and {@code ;} comments. Indented lines continue the previous value (AWS nested settings) and are kept
 * only as a marker that the key exists. A missing file reads as empty.
 */
public final class IniFile {
    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    public static IniFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new IniFile(Map.of());
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (current == null) {
                continue; // keys before any section are ignored, as the AWS CLI does
            }
            if (indented && lastKey != null) {
                continue; // a nested setting belongs to lastKey; its content is not needed
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            lastKey = line.substring(0, eq).strip();
            current.put(lastKey, line.substring(eq + 1).strip());
        }
        return new IniFile(sections);
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name);
    }

    /** The section's keys and values, or an empty map. */
    public Map<String, String> section(String name) {
        return Collections.unmodifiableMap(sections.getOrDefault(name, Map.of()));
    }

    /** A non-blank value, if present. */
    public Optional<String> get(String section, String key) {
        String v = sections.getOrDefault(section, Map.of()).get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public Iterable<String> sectionNames() {
        return sections.keySet();
    }
}
