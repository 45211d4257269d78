package dev.sky.core.task;

import java.util.List;
import java.util.Map;

/**
 * One task of a SkyPilot task YAML, after parsing and validation. Immutable. Maps keep the YAML's order.
 * {@link #toString()} never prints secret values.
 *
 * @param name the task name, or null
 * @param workdir the workdir, or null
 * @param numNodes nodes to run on (≥ 1)
 * @param envs environment variables; a null value means "must be given with --env"
 * @param secrets secret variables; a null value means "must be given with --secret"
 * @param fileMounts file mounts keyed by destination
 * @param setup the setup script, or null
 * @param run the run script, or null
 * @param resources the resource candidates
 * @param service the SkyServe section, carried as is, or null
 * @param pool the pool section, carried as is, or null
 * @param config per-task config overrides, carried as is
 * @param volumes task-level volumes, carried as is
 * @param inputs {@code {uri: GB}} read by the task, for egress cost
 * @param outputs {@code {uri: GB}} written by the task, for egress cost
 * @param eventCallback the event callback command, or null
 * @param warnings one line per key that was accepted but is not acted on yet
 * @param source where the task's fields are in its YAML, for messages after loading
 */
public record Task(
        String name,
        Workdir workdir,
        int numNodes,
        Map<String, String> envs,
        Map<String, String> secrets,
        Map<String, FileMount> fileMounts,
        String setup,
        String run,
        ResourceChoice resources,
        Map<String, Object> service,
        Map<String, Object> pool,
        Map<String, Object> config,
        Map<String, Object> volumes,
        Map<String, Double> inputs,
        Map<String, Double> outputs,
        String eventCallback,
        List<String> warnings,
        TaskSource source) {

    public Task {
        envs = envs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(envs));
        secrets = secrets == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        fileMounts = fileMounts == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fileMounts));
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(config);
        volumes = volumes == null ? Map.of() : java.util.Collections.unmodifiableMap(volumes);
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        resources = resources == null ? ResourceChoice.single(Resources.defaults()) : resources;
        source = source == null ? TaskSource.NONE : source;
        if (numNodes < 1) {
            throw new IllegalArgumentException("num_nodes must be at least 1");
        }
    }

    /** A task built in code, with no YAML source. */
    public Task(String name, Workdir workdir, int numNodes, Map<String, String> envs, Map<String, String> secrets,
                Map<String, FileMount> fileMounts, String setup, String run, ResourceChoice resources,
                Map<String, Object> service, Map<String, Object> pool, Map<String, Object> config,
                Map<String, Object> volumes, Map<String, Double> inputs, Map<String, Double> outputs,
                String eventCallback, List<String> warnings) {
        this(name, workdir, numNodes, envs, secrets, fileMounts, setup, run, resources, service, pool, config, volumes,
                inputs, outputs, eventCallback, warnings, TaskSource.NONE);
    }

    /** A task that runs a shell command with default resources, as {@code sky launch -- echo hi} makes. */
    public static Task command(String run) {
        return new Task("sky-cmd", null, 1, null, null, null, null, run, null, null, null, null, null, null, null,
                null, null);
    }

    /** The same task with another workdir ({@code --git-url}/{@code --git-ref} on the command line). */
    public Task withWorkdir(Workdir newWorkdir) {
        return new Task(name, newWorkdir, numNodes, envs, secrets, fileMounts, setup, run, resources, service, pool,
                config, volumes, inputs, outputs, eventCallback, warnings, source);
    }

    @Override
    public String toString() {
        return "Task[name=" + name + ", numNodes=" + numNodes + ", envs=" + envs.keySet() + ", secrets="
                + secrets.keySet() + " (values hidden), resources=" + resources + "]";
    }
}
