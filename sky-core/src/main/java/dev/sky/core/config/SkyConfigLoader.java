package dev.sky.core.config;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code SKY_HOME/config.yaml}. A bad file fails with {@code file:line:col: field: problem} and exit code 2.
 * Top-level keys are checked against SkyPilot's config schema so a typo gets a "did you mean" hint; keys for
 * features sky does not have yet are accepted and kept in {@link SkyConfig#raw()}.
 */
public final class SkyConfigLoader {
    /** SkyPilot's top-level config keys (docs: reference/config.rst). */
    static final Set<String> KNOWN_TOP_LEVEL = Set.of(
            "allowed_clouds", "api_server", "jobs", "serve", "docker", "nvidia_gpus", "admin_policy", "provision",
            "kubernetes", "ssh", "slurm", "aws", "gcp", "azure", "oci", "nebius", "vast", "lambda", "runpod", "ibm",
            "fluidstack", "cudo", "paperspace", "do", "scp", "vsphere", "seeweb", "primeintellect", "hyperbolic",
            "rbac", "db", "logs", "daemons", "workspaces", "active_workspace", "usage", "dashboard");
    /** Keys under which sky reads a list of strings now. */
    private static final List<String> STRING_LISTS = List.of(
            "allowed_clouds", "kubernetes.allowed_contexts", "ssh.allowed_node_pools");

    private SkyConfigLoader() {}

    /** Loads the config under SKY_HOME; a missing file is an empty config. */
    public static SkyConfig load(SkyPaths paths) {
        return load(paths.config());
    }

    public static SkyConfig load(Path file) {
        if (!Files.exists(file)) {
            return SkyConfig.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SkyException.invalidInput(file + ": cannot read the config file: " + e.getMessage());
        }
        return parse(file, text);
    }

    static SkyConfig parse(Path file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw yamlError(file, e);
        }
        if (root.isEmpty()) {
            return new SkyConfig(file, null, Map.of(), Map.of());
        }
        Node node = root.get();
        if (!(node instanceof MappingNode mapping)) {
            throw SkyException.invalidInput(at(file, node) + "the config must be a mapping of keys to values");
        }
        Map<String, SkyConfig.Mark> marks = new HashMap<>();
        collectMarks(mapping, "", marks);
        for (NodeTuple t : mapping.getValue()) {
            String key = keyOf(file, t);
            if (!KNOWN_TOP_LEVEL.contains(key)) {
                throw SkyException.invalidInput(at(file, t.getKeyNode()) + "unknown key '" + key + "'."
                        + NearestKey.hint(key, KNOWN_TOP_LEVEL));
            }
        }
        Object value;
        try {
            value = new StandardConstructor(settings).constructSingleDocument(root);
        } catch (YamlEngineException e) {
            throw yamlError(file, e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = new LinkedHashMap<>((Map<String, Object>) value);
        SkyConfig partial = new SkyConfig(file, null, raw, marks);
        for (String path : STRING_LISTS) {
            checkStringList(partial, path);
        }
        List<String> allowed = partial.stringList("allowed_clouds")
                .map(l -> l.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList())
                .orElse(null);
        return new SkyConfig(file, allowed, raw, marks);
    }

    private static void checkStringList(SkyConfig config, String path) {
        Optional<Object> v = config.get(path);
        if (v.isEmpty()) {
            if (config.marks().containsKey(path)) {
                throw SkyException.invalidInput(config.where(path) + ": " + path + ": expected a list of names, got null");
            }
            return;
        }
        if (!(v.get() instanceof List<?> list)) {
            throw SkyException.invalidInput(config.where(path) + ": " + path + ": expected a list of names");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isBlank()) {
                String item = path + "[" + i + "]";
                throw SkyException.invalidInput(config.where(item) + ": " + item + ": expected a name, got "
                        + (list.get(i) == null ? "null" : "'" + list.get(i) + "'"));
            }
        }
    }

    private static void collectMarks(Node node, String path, Map<String, SkyConfig.Mark> marks) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                    mark(t.getValueNode(), child, marks);
                    collectMarks(t.getValueNode(), child, marks);
                }
            }
        } else if (node instanceof SequenceNode s) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                mark(items.get(i), child, marks);
                collectMarks(items.get(i), child, marks);
            }
        }
    }

    private static void mark(Node node, String path, Map<String, SkyConfig.Mark> marks) {
        node.getStartMark().ifPresent(m -> marks.put(path, new SkyConfig.Mark(m.getLine() + 1, m.getColumn() + 1)));
    }

    private static String keyOf(Path file, NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode k) {
            return k.getValue();
        }
        throw SkyException.invalidInput(at(file, t.getKeyNode()) + "keys must be plain names");
    }

    private static String at(Path file, Node node) {
        return node.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": ")
                .orElse(file + ": ");
    }

    private static SkyException yamlError(Path file, YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked) {
            String where = marked.getProblemMark()
                    .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": ").orElse(file + ": ");
            return SkyException.invalidInput(where + "invalid YAML: " + firstLine(marked.getProblem()));
        }
        return SkyException.invalidInput(file + ": invalid YAML: " + firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** All keys sky knows at the top level, for callers that suggest keys. */
    public static List<String> knownTopLevelKeys() {
        return new ArrayList<>(KNOWN_TOP_LEVEL).stream().sorted().toList();
    }
}
