package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Loads a SkyPilot task YAML into a {@link Pipeline}. Every problem is a {@link SkyException} with exit code 2 and
 * one line {@code file:line:col: field.path: what was expected}.
 *
 * <p>{@link #parse} gives the tasks as written ({@code ${VAR}} unresolved, null envs allowed); {@link #load} also
 * applies CLI overrides, fills in {@code ${VAR}} and rejects envs or secrets that still have no value. Commands
 * that run a task use {@link #load}.
 */
public final class TaskLoader {
    private TaskLoader() {}

    /** Loads, applies no overrides, and resolves: what {@code sky launch task.yaml} runs. */
    public static Pipeline load(Path file) {
        return load(file, TaskOverrides.none());
    }

    /** Loads, applies the CLI overrides to every task, and resolves. */
    public static Pipeline load(Path file, TaskOverrides overrides) {
        return overrides.apply(parse(file));
    }

    /** The YAML as written, labelled in messages with {@code file} as given. */
    public static Pipeline parse(Path file) {
        String label = file.toString();
        return parseString(YamlText.read(file, label), label);
    }

    /** The YAML text as written; {@code label} names it in messages (usually the file path). */
    public static Pipeline parseString(String text, String label) {
        List<Node> docs = new ArrayList<>();
        for (Node n : YamlDocuments.compose(text, label)) {
            if (!isEmpty(n)) {
                docs.add(n);
            }
        }
        if (docs.isEmpty()) {
            // An empty YAML (or only comments) is an empty task, as in SkyPilot.
            YamlContext ctx = new YamlContext(label, 0);
            return Pipeline.of(TaskParser.parse(new YNode(new ScalarNode(Tag.NULL, "", org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN), "", ctx)));
        }
        for (Node n : docs) {
            if (!(n instanceof MappingNode)) {
                YNode y = new YNode(n, "", new YamlContext(label, text.length()));
                throw y.error("a task YAML must be a mapping of keys (name, resources, run, ...), found " + y.kind()
                        + (y.isString() ? "; to run a command, pass it without a YAML file" : ""));
            }
        }
        String pipelineName = null;
        Map<String, Object> jobGroup = Map.of();
        Node first = docs.get(0);
        if (isHeader(first, docs.size())) {
            YNode header = new YNode(first, "", new YamlContext(label, text.length()));
            Map<String, YNode> h = header.map();
            pipelineName = h.get("name").optString();
            Map<String, Object> rest = new LinkedHashMap<>(header.plainMap());
            rest.remove("name");
            jobGroup = rest;
            docs = docs.subList(1, docs.size());
            if (docs.isEmpty()) {
                return Pipeline.of(TaskParser.parse(header));
            }
        }
        List<Task> tasks = new ArrayList<>();
        for (Node n : docs) {
            tasks.add(TaskParser.parse(new YNode(n, "", new YamlContext(label, text.length()))));
        }
        if (!jobGroup.isEmpty()) {
            tasks.set(0, withWarning(tasks.get(0), label + ":1:1: job group header (" + String.join(", ",
                    jobGroup.keySet()) + ") accepted; sky runs the tasks one after another"));
        }
        if (tasks.size() == 1 && pipelineName == null) {
            pipelineName = tasks.get(0).name();
        }
        return new Pipeline(pipelineName, tasks, tasks.size() > 1, jobGroup);
    }

    /** A document that holds nothing (empty, or only comments). */
    private static boolean isEmpty(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /**
     * A first document with only {@code name} (or only job-group keys) names the pipeline and is not a task; with
     * job-group keys it needs tasks after it.
     */
    private static boolean isHeader(Node first, int docCount) {
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) first).getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                return false;
            }
            keys.add(k.getValue());
        }
        if (keys.equals(List.of("name"))) {
            return true;
        }
        return docCount > 1 && keys.contains("name") && Keys.JOB_GROUP_HEADER.containsAll(keys);
    }

    private static Task withWarning(Task t, String warning) {
        List<String> w = new ArrayList<>(t.warnings());
        w.add(warning);
        return new Task(t.name(), t.workdir(), t.numNodes(), t.envs(), t.secrets(), t.fileMounts(), t.setup(),
                t.run(), t.resources(), t.service(), t.pool(), t.config(), t.volumes(), t.inputs(), t.outputs(),
                t.eventCallback(), w, t.source());
    }
}
