package dev.sky.core.yaml;

import dev.sky.core.task.FileMount;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Task;
import dev.sky.core.task.Workdir;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One task document (a mapping) into a {@link Task} as written: {@code ${VAR}} references are still in place and
 * envs or secrets may be null. {@link TaskOverrides#apply} fills both in.
 */
final class TaskParser {
    static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** SkyPilot's task-name rule: alphanumeric runs joined by at most two of {@code . _ -}. */
    private static final Pattern TASK_NAME = Pattern.compile("[a-zA-Z0-9]+(?:[._-]{1,2}[a-zA-Z0-9]+)*");

    private TaskParser() {}

    static Task parse(YNode doc) {
        Map<String, YNode> m = doc.isNull() ? Map.of() : doc.map();
        Keys.check(m, Keys.TASK);
        YamlContext ctx = doc.ctx();

        String name = name(m.get("name"));
        Workdir workdir = workdir(m.get("workdir"));
        int numNodes = numNodes(m.get("num_nodes"));
        Map<String, String> envs = envs(m.get("envs"));
        Map<String, String> secrets = secrets(m.get("secrets"));
        Map<String, FileMount> mounts = m.containsKey("file_mounts") ? FileMountsParser.parse(m.get("file_mounts"))
                : Map.of();
        String setup = script(m.get("setup"));
        String run = script(m.get("run"));
        ResourceChoice resources = m.containsKey("resources") ? ResourcesParser.parse(m.get("resources")) : null;
        Map<String, Object> service = section(m.get("service"));
        Map<String, Object> pool = pool(m.get("pool"));
        if (service != null && pool != null) {
            throw m.get("pool").keyError("a task cannot have both service and pool");
        }
        Map<String, Object> config = m.containsKey("config") ? ConfigSection.parse(m.get("config")) : Map.of();
        Map<String, Object> volumes = section(m.get("volumes"));
        if (volumes != null) {
            ctx.warn(m.get("volumes"), "accepted but not acted on yet: sky does not attach volumes");
        }
        Map<String, Double> inputs = dataSize(m.get("inputs"));
        Map<String, Double> outputs = dataSize(m.get("outputs"));
        String eventCallback = m.containsKey("event_callback") ? m.get("event_callback").optString() : null;
        warnCarried(m, ctx);

        List<String> warnings = List.copyOf(new LinkedHashSet<>(ctx.warnings()));
        return new Task(name, workdir, numNodes, envs, secrets, mounts, setup, run, resources, service, pool, config,
                volumes, inputs, outputs, eventCallback, warnings, ctx.source());
    }

    private static String name(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.string();
        if (!TASK_NAME.matcher(s).matches()) {
            throw n.error("'" + s + "' is not a valid name: use letters and digits, joined by '.', '_' or '-'");
        }
        return s;
    }

    private static Workdir workdir(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isString()) {
            return Workdir.local(n.raw());
        }
        if (!n.isMap()) {
            throw n.expected("a local directory or a mapping {url: <git url>, ref: <branch, tag or commit>}");
        }
        Map<String, YNode> w = n.map();
        Keys.check(w, Keys.WORKDIR);
        YNode url = w.get("url");
        if (url == null || url.isNull()) {
            throw n.error("a git workdir needs a 'url'");
        }
        YNode ref = w.get("ref");
        return new Workdir(null, url.string(), ref == null ? null : ref.optString());
    }

    private static int numNodes(YNode n) {
        if (n == null || n.isNull()) {
            return 1;
        }
        int v = n.intValue();
        if (v < 1) {
            throw n.error("expected 1 or more nodes, found " + v);
        }
        return v;
    }

    /** envs: names must be shell variable names; values are text or null (= required). */
    private static Map<String, String> envs(YNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : n.map().entrySet()) {
            YNode v = e.getValue();
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw v.keyError("not a valid variable name: use letters, digits and '_', not starting with a digit");
            }
            if (v.isNull()) {
                out.put(e.getKey(), null);
            } else if (v.isScalar()) {
                out.put(e.getKey(), v.scalarText());
            } else {
                throw v.expected("a string, a number or a boolean");
            }
        }
        return out;
    }

    /** secrets: a mapping (inline values), or a list of managed references {@code secrets:NAME}. */
    private static Map<String, String> secrets(YNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (n.isList()) {
            for (YNode item : n.list()) {
                if (!item.isString() || !item.raw().startsWith("secrets:")) {
                    throw item.error("items of a secrets list must be managed secret references such as"
                            + " 'secrets:HF_TOKEN'; for inline values use a mapping");
                }
            }
            n.ctx().warn(n, "managed secret references are accepted but not acted on yet");
            return Map.of();
        }
        if (!n.isMap()) {
            throw n.error("expected a mapping of secret names to values, found " + n.kind());
        }
        Map<String, YNode> refs = new LinkedHashMap<>();
        Map<String, YNode> inline = new LinkedHashMap<>();
        n.map().forEach((k, v) -> (k.startsWith("secrets:") ? refs : inline).put(k, v));
        for (Map.Entry<String, YNode> r : refs.entrySet()) {
            if (!r.getValue().isNull()) {
                throw r.getValue().keyError("a managed secret reference takes no value; remove the 'secrets:' prefix"
                        + " to give an inline value");
            }
            n.ctx().warn(r.getValue(), "managed secret references are accepted but not acted on yet");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : inline.entrySet()) {
            YNode v = e.getValue();
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw v.keyError("not a valid variable name: use letters, digits and '_', not starting with a digit");
            }
            if (v.isMap() || v.isList()) {
                throw v.error("expected a string value, found " + v.kind());
            }
            out.put(e.getKey(), v.isNull() ? null : v.scalarText());
        }
        return out;
    }

    private static String script(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw n.expected("a shell script (a string)");
        }
        return n.raw();
    }

    /** A section sky carries as written; it must be a mapping. */
    private static Map<String, Object> section(YNode n) {
        return n == null || n.isNull() ? null : n.plainMap();
    }

    private static Map<String, Object> pool(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        Keys.check(n.map(), Keys.POOL);
        n.ctx().warn(n, "worker pools are accepted but not acted on yet");
        return n.plainMap();
    }

    /** inputs/outputs: {@code {<bucket uri>: <size in GB>}}, at most one entry. */
    private static Map<String, Double> dataSize(YNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        Map<String, YNode> m = n.map();
        if (m.size() > 1) {
            throw n.error("at most one entry {<uri>: <GB>} is allowed, found " + m.size());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((uri, gb) -> {
            double v = gb.number();
            if (v < 0) {
                throw gb.error("expected a size in GB of 0 or more, found " + gb.raw());
            }
            out.put(uri, v);
        });
        return out;
    }

    /** Keys that are accepted for compatibility but not acted on: one warning each. */
    private static void warnCarried(Map<String, YNode> m, YamlContext ctx) {
        if (m.containsKey("event_callback") && !m.get("event_callback").isNull()) {
            ctx.warn(m.get("event_callback"), "event callbacks are accepted but not acted on yet");
        }
        YNode managed = m.get("managed_secrets");
        if (managed != null && !managed.isNull()) {
            for (YNode item : managed.list()) {
                if (item.isMap()) {
                    for (YNode opts : item.map().values()) {
                        if (!opts.isNull()) {
                            Keys.check(opts.map(), List.of("mount_path"));
                        }
                    }
                } else {
                    item.string();
                }
            }
            ctx.warn(managed, "managed secrets are accepted but not acted on yet");
        }
        YNode access = m.get("api_server_access");
        if (access != null && !access.isNull()) {
            access.bool();
            ctx.warn(access, "sky has no API server; ignored");
        }
        for (String internal : List.of("file_mounts_mapping", "volume_mounts", "_metadata")) {
            if (m.containsKey(internal)) {
                ctx.warn(m.get(internal), "an internal SkyPilot key; ignored");
            }
        }
    }
}
