package dev.sky.core.yaml;

import dev.sky.core.task.FileMount;
import dev.sky.core.task.StorageSpec;
import dev.sky.core.task.Workdir;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${VAR}} and {@code $VAR} from the task's envs and secrets into the fields SkyPilot fills
 * (file_mounts keys and values, service, workdir, volumes). A name that is not defined stays as written.
 * setup and run are left alone: the shell on the node expands those.
 */
final class EnvSubstitution {
    private static final Pattern REF = Pattern.compile("\\$\\{?\\b([a-zA-Z_][a-zA-Z0-9_]*)\\b\\}?");

    private final Map<String, String> values;

    EnvSubstitution(Map<String, String> values) {
        this.values = values;
    }

    String text(String s) {
        if (s == null || s.indexOf('$') < 0) {
            return s;
        }
        Matcher m = REF.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    Workdir workdir(Workdir w) {
        return w == null ? null : new Workdir(text(w.localPath()), text(w.gitUrl()), text(w.gitRef()));
    }

    Map<String, FileMount> fileMounts(Map<String, FileMount> mounts) {
        Map<String, FileMount> out = new LinkedHashMap<>();
        for (FileMount fm : mounts.values()) {
            String dst = text(fm.destination());
            StorageSpec s = fm.storage();
            StorageSpec storage = s == null ? null : new StorageSpec(text(s.name()),
                    s.sources().stream().map(this::text).toList(), s.store(), s.persistent(), s.mode(),
                    text(s.mountOptions()), tree(s.config()));
            out.put(dst, new FileMount(dst, text(fm.source()), storage));
        }
        return out;
    }

    /** Every string in a plain tree (keys too), as SkyPilot's JSON-text replacement reaches them. */
    @SuppressWarnings("unchecked")
    <T> T tree(T value) {
        if (value instanceof String s) {
            return (T) text(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(text(String.valueOf(k)), tree(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(tree(v)));
            return (T) out;
        }
        return value;
    }
}
