package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import dev.sky.core.task.Workdir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies {@link TaskOverrides} to each task, then resolves {@code ${VAR}} and checks required envs and secrets. */
final class OverrideApplier {
    private OverrideApplier() {}

    static Pipeline apply(TaskOverrides o, Pipeline p) {
        Map<String, String> envFlags = new LinkedHashMap<>();
        if (o.envFile() != null) {
            envFlags.putAll(DotEnv.read(o.envFile()));
        }
        envFlags.putAll(pairs(o.envs(), o.environment(), "--env"));
        Map<String, String> secretFlags = pairs(o.secrets(), o.environment(), "--secret");
        List<Task> out = new ArrayList<>();
        for (Task t : p.tasks()) {
            out.add(apply(o, t, envFlags, secretFlags));
        }
        String name = o.name() != null && out.size() == 1 ? o.name() : p.name();
        return new Pipeline(name, out, p.multiDocument(), p.jobGroup());
    }

    private static Task apply(TaskOverrides o, Task t, Map<String, String> envFlags, Map<String, String> secretFlags) {
        Map<String, String> envs = new LinkedHashMap<>(t.envs());
        envs.putAll(envFlags);
        Map<String, String> secrets = new LinkedHashMap<>(t.secrets());
        secrets.putAll(secretFlags);
        requireValues(t, envs, "envs", "Environment variable", "--env");
        requireValues(t, secrets, "secrets", "Secret", "--secret");

        Map<String, String> all = new LinkedHashMap<>(envs);
        all.putAll(secrets);
        EnvSubstitution subst = new EnvSubstitution(all);
        Workdir workdir = o.workdir() != null ? Workdir.local(checkedWorkdir(o.workdir())) : t.workdir();
        int numNodes = t.numNodes();
        if (o.numNodes() != null) {
            if (o.numNodes() < 1) {
                throw SkyException.invalidInput("--num-nodes: expected 1 or more, got " + o.numNodes());
            }
            numNodes = o.numNodes();
        }
        return new Task(o.name() != null ? o.name() : t.name(), subst.workdir(workdir), numNodes, envs, secrets,
                subst.fileMounts(t.fileMounts()), t.setup(), t.run(), ResourceOverrides.apply(o, t.resources()),
                subst.tree(t.service()), t.pool(), t.config(), subst.tree(t.volumes()), t.inputs(), t.outputs(),
                t.eventCallback(), t.warnings(), t.source());
    }

    /** After the flags, an env or secret that is still null has to be given a value. */
    private static void requireValues(Task t, Map<String, String> vars, String section, String noun, String flag) {
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getValue() == null) {
                String k = e.getKey();
                throw SkyException.invalidInput(t.source().locate(section + "." + k) + noun + " '" + k
                        + "' has no value. Set it in the task YAML or with " + flag + " " + k + "=<value>; for an"
                        + " empty value use " + k + ": \"\" in the YAML or " + flag + " " + k + "=\"\".");
            }
        }
    }

    /** {@code KEY=VAL} pairs; a bare {@code KEY} is read from the local environment. Values are never echoed. */
    static Map<String, String> pairs(List<String> flags, Map<String, String> environment, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            String key = (eq < 0 ? f : f.substring(0, eq)).strip();
            if (!TaskParser.ENV_NAME.matcher(key).matches()) {
                throw SkyException.invalidInput(flag + ": '" + key + "' is not a valid variable name (expected"
                        + " KEY=VALUE or KEY)");
            }
            if (eq >= 0) {
                out.put(key, f.substring(eq + 1));
            } else {
                String v = environment.get(key);
                if (v == null) {
                    throw SkyException.invalidInput(flag + " " + key + ": " + key
                            + " is not set in the local environment; give it as " + key + "=<value>");
                }
                out.put(key, v);
            }
        }
        return out;
    }

    private static String checkedWorkdir(String dir) {
        if (!Files.isDirectory(Path.of(dir))) {
            throw SkyException.invalidInput("--workdir: '" + dir + "' is not an existing directory");
        }
        return dir;
    }
}
