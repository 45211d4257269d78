package dev.sky.core.yaml;

import dev.sky.core.task.TaskSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parsers of one task document share: the file label for messages, the warnings collected so far, the
 * positions of the keys seen, and a budget of nodes so that alias expansion cannot blow up.
 */
final class YamlContext {
    /** Node visits allowed beyond a few per character of text; only alias expansion gets near it. */
    static final int NODE_BUDGET = 10_000_000;

    private final String label;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, TaskSource.Position> positions = new LinkedHashMap<>();
    private long nodesLeft;

    YamlContext(String label, int textLength) {
        this.label = label;
        this.nodesLeft = NODE_BUDGET + 4L * textLength;
    }

    String label() {
        return label;
    }

    /** Adds a one-line warning located at the key that holds {@code at} (or at the node itself). */
    void warn(YNode at, String message) {
        TaskSource.Position p = positions.get(at.path());
        String where = p == null ? at.where() : label + ":" + p;
        warnings.add(where + ": " + at.path() + ": " + message);
    }

    List<String> warnings() {
        return warnings;
    }

    void remember(String path, int line, int column) {
        positions.putIfAbsent(path, new TaskSource.Position(line, column));
    }

    TaskSource.Position positionOf(String path) {
        return positions.get(path);
    }

    TaskSource source() {
        return new TaskSource(label, positions);
    }

    /** Counts one visited node; fails once the document has expanded past {@link #NODE_BUDGET}. */
    void spend(YNode at) {
        if (--nodesLeft < 0) {
            throw at.error("the document expands to too many nodes through aliases; refusing to load it");
        }
    }
}
