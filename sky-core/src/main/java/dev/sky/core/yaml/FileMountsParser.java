package dev.sky.core.yaml;

import dev.sky.core.task.FileMount;
import dev.sky.core.task.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code file_mounts:}: {@code /remote: /local/path} or {@code /remote: s3://bucket/sub} (the string form), or
 * {@code /remote: {name, source, store, mode, ...}} (a storage bucket).
 */
final class FileMountsParser {
    static final List<String> STORES = List.of("S3", "GCS", "AZURE", "R2", "IBM", "OCI", "NEBIUS", "COREWEAVE",
            "VOLUME");
    static final List<String> MODES = List.of("MOUNT", "COPY", "MOUNT_CACHED");

    private FileMountsParser() {}

    static Map<String, FileMount> parse(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        Map<String, FileMount> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : n.map().entrySet()) {
            String dst = e.getKey();
            YNode v = e.getValue();
            if (dst.isBlank()) {
                throw v.keyError("a mount path cannot be empty");
            }
            if (v.isString()) {
                if (v.raw().isBlank()) {
                    throw v.error("expected a local path or a bucket URI, found an empty string");
                }
                out.put(dst, new FileMount(dst, v.raw(), null));
            } else if (v.isMap()) {
                out.put(dst, new FileMount(dst, null, storage(v)));
            } else {
                throw v.expected("a local path, a bucket URI (s3://..., gs://...) or a storage mapping"
                        + " {name, source, store, mode}");
            }
        }
        return out;
    }

    private static StorageSpec storage(YNode n) {
        Map<String, YNode> m = n.map();
        Keys.check(m, Keys.STORAGE);
        String name = opt(m, "name");
        List<String> sources = new ArrayList<>();
        YNode source = m.get("source");
        if (source != null && !source.isNull()) {
            if (source.isList()) {
                if (source.list().isEmpty()) {
                    throw source.error("expected at least one source path");
                }
                for (YNode s : source.list()) {
                    sources.add(s.string());
                }
            } else {
                sources.add(source.string());
            }
        }
        String store = m.containsKey("store") && !m.get("store").isNull() ? upperChoice(m.get("store"), STORES) : null;
        boolean persistent = !m.containsKey("persistent") || m.get("persistent").isNull()
                || m.get("persistent").bool();
        String mode = m.containsKey("mode") && !m.get("mode").isNull() ? upperChoice(m.get("mode"), MODES) : "MOUNT";
        String mountOptions = opt(m, "mount_options");
        if (m.containsKey("type") && !m.get("type").isNull()) {
            m.get("type").string();
        }
        Map<String, Object> config = m.containsKey("config") ? config(m.get("config")) : Map.of();
        if (name == null && sources.isEmpty()) {
            throw n.error("a storage mount needs a name, a source, or both");
        }
        if ("VOLUME".equals(store)) {
            n.ctx().warn(m.get("store"), "volume mounts are accepted but not acted on yet");
        }
        for (Map.Entry<String, YNode> e : m.entrySet()) {
            if (e.getKey().startsWith("_")) {
                n.ctx().warn(e.getValue(), "an internal SkyPilot key; ignored");
            }
        }
        return new StorageSpec(name, sources, store, persistent, mode, mountOptions, config);
    }

    private static Map<String, Object> config(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        Map<String, YNode> m = n.map();
        Keys.check(m, Keys.STORAGE_CONFIG);
        if (m.containsKey("mount_cached") && !m.get("mount_cached").isNull()) {
            Keys.check(m.get("mount_cached").map(), Keys.MOUNT_CACHED);
        }
        if (m.containsKey("mount") && !m.get("mount").isNull()) {
            Keys.check(m.get("mount").map(), Keys.MOUNT);
        }
        return n.plainMap();
    }

    private static String opt(Map<String, YNode> m, String key) {
        YNode v = m.get(key);
        return v == null ? null : v.optString();
    }

    private static String upperChoice(YNode n, List<String> valid) {
        String s = n.string().strip().toUpperCase(Locale.ROOT);
        if (!valid.contains(s)) {
            throw n.error("'" + n.raw() + "' is not one of " + String.join(", ", valid)
                    + Suggest.nearest(s, valid).map(x -> "; did you mean '" + x + "'?").orElse(""));
        }
        return s;
    }
}
