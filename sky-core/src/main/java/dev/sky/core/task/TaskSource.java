package dev.sky.core.task;

import java.util.Map;

/**
 * Where a task came from, so that checks made after loading (CLI overrides, the optimizer) can still point at the
 * YAML line. Positions are 1-based.
 *
 * @param file the file label used in messages (the path as the user gave it), or null for a task built in code
 * @param positions field path (e.g. {@code envs.HF_TOKEN}, {@code resources.accelerators}) to its position
 */
public record TaskSource(String file, Map<String, Position> positions) {
    public static final TaskSource NONE = new TaskSource(null, Map.of());

    public TaskSource {
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }

    /** A 1-based line and column in the task YAML. */
    public record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /**
     * The message prefix for {@code fieldPath}: {@code task.yaml:4:3: envs.X: }, or just {@code envs.X: } when the
     * position is unknown.
     */
    public String locate(String fieldPath) {
        Position p = positions.get(fieldPath);
        if (file == null) {
            return fieldPath + ": ";
        }
        return file + ":" + (p == null ? "1:1" : p) + ": " + fieldPath + ": ";
    }
}
