package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import dev.sky.core.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a command's ENTRYPOINT arguments name a task YAML or are a shell command, as SkyPilot does:
 * the arguments are joined with spaces; an existing file that is a YAML mapping is a task file; a single
 * {@code *.yaml}/{@code *.yml} token that does not exist is an error (instead of SkyPilot's prompt); anything else
 * is a command run with default resources.
 */
public final class Entrypoints {
    private Entrypoints() {}

    /**
     * What the arguments name.
     *
     * @param yamlFile the task YAML, or null
     * @param command the shell command, or null
     */
    public record Entrypoint(Path yamlFile, String command) {
        public boolean isYaml() {
            return yamlFile != null;
        }

        public boolean isEmpty() {
            return yamlFile == null && command == null;
        }

        /** The command as a task ({@code sky-cmd}, default resources); only for a command entrypoint. */
        public Task commandTask() {
            if (command == null) {
                throw new IllegalStateException("not a command entrypoint");
            }
            return Task.command(command);
        }
    }

    public static Entrypoint resolve(List<String> args) {
        String joined = String.join(" ", args).strip();
        if (joined.isEmpty()) {
            return new Entrypoint(null, null);
        }
        Path path = Path.of(joined.startsWith("~/") ? System.getProperty("user.home") + joined.substring(1) : joined);
        boolean yamlName = args.size() == 1 && looksLikeYaml(joined);
        if (Files.isRegularFile(path)) {
            if (yamlName || isYamlMapping(path)) {
                return new Entrypoint(path, null);
            }
            return new Entrypoint(null, joined);
        }
        if (yamlName) {
            throw SkyException.invalidInput(joined + ": no such file");
        }
        return new Entrypoint(null, joined);
    }

    private static boolean looksLikeYaml(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.endsWith(".yaml") || l.endsWith(".yml");
    }

    /** Whether the file parses as YAML whose first document is a mapping (a script file is not). */
    private static boolean isYamlMapping(Path file) {
        try {
            if (Files.size(file) > YamlText.MAX_BYTES) {
                return false;
            }
            String label = file.toString();
            var docs = YamlDocuments.compose(YamlText.read(file, label), label);
            return !docs.isEmpty() && docs.get(0) instanceof org.snakeyaml.engine.v2.nodes.MappingNode;
        } catch (SkyException | java.io.IOException e) {
            return false;
        }
    }
}
