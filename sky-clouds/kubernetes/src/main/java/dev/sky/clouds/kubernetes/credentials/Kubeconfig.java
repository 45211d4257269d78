package dev.sky.clouds.kubernetes.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The merged view of one or more kubeconfig files, as kubectl merges them: the first file that defines a
 * context, cluster or user wins, and so does the first {@code current-context}. Only names and references are
 * kept; tokens, keys and certificates are never read out.
 */
final class Kubeconfig {
    /** A context: which cluster, which user, which namespace. */
    record Context(String name, String cluster, String user, String namespace) {}

    final Map<String, Context> contexts = new LinkedHashMap<>();
    final Map<String, Boolean> clusterHasServer = new LinkedHashMap<>();
    final Map<String, Boolean> users = new LinkedHashMap<>();
    String currentContext;

    /** Adds a file; returns a problem text when the file cannot be used (never its content). */
    String add(Path file) {
        Object doc;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            return file + e.getProblemMark().map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("")
                    + ": invalid YAML";
        } catch (YamlEngineException e) {
            return file + ": invalid YAML";
        } catch (IOException e) {
            return file + ": cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (doc == null) {
            return null; // an empty kubeconfig adds nothing
        }
        if (!(doc instanceof Map<?, ?> root)) {
            return file + ": not a kubeconfig (expected a mapping)";
        }
        for (Map<?, ?> entry : named(root.get("contexts"))) {
            Map<?, ?> ctx = entry.get("context") instanceof Map<?, ?> m ? m : Map.of();
            String name = String.valueOf(entry.get("name"));
            contexts.putIfAbsent(name, new Context(name, text(ctx.get("cluster")), text(ctx.get("user")),
                    text(ctx.get("namespace"))));
        }
        for (Map<?, ?> entry : named(root.get("clusters"))) {
            Map<?, ?> cluster = entry.get("cluster") instanceof Map<?, ?> m ? m : Map.of();
            clusterHasServer.putIfAbsent(String.valueOf(entry.get("name")), text(cluster.get("server")) != null);
        }
        for (Map<?, ?> entry : named(root.get("users"))) {
            users.putIfAbsent(String.valueOf(entry.get("name")), true);
        }
        String current = text(root.get("current-context"));
        if (currentContext == null && current != null) {
            currentContext = current;
        }
        return null;
    }

    /** Why the context cannot be used, or null when it can. */
    String problem(String name) {
        Context c = contexts.get(name);
        if (c == null) {
            return "context not found in kubeconfig";
        }
        if (c.cluster() == null || !clusterHasServer.containsKey(c.cluster())) {
            return "cluster '" + c.cluster() + "' is not in kubeconfig";
        }
        if (!clusterHasServer.get(c.cluster())) {
            return "cluster '" + c.cluster() + "' has no server address";
        }
        if (c.user() != null && !users.containsKey(c.user())) {
            return "user '" + c.user() + "' is not in kubeconfig";
        }
        return null;
    }

    private static List<Map<?, ?>> named(Object list) {
        if (!(list instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(o -> o instanceof Map<?, ?> m && m.get("name") != null)
                .<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
    }

    private static String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }
}
