package dev.sky.core.yaml;

import dev.sky.core.task.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The task flags of {@code sky launch}/{@code exec}/{@code jobs launch}, applied over the YAML to every task.
 * A null field means "not given". For the fields that can be reset, the string {@code none} (any case) resets
 * the YAML's value: {@code --gpus none}, {@code --cpus none}, {@code --memory none}, {@code --instance-type none},
 * {@code --image-id none}, {@code --disk-tier none}, {@code --network-tier none}, {@code --ports none};
 * for {@code --infra}, {@code none} and {@code *} mean any cloud.
 *
 * @param envs {@code --env}: {@code KEY=VAL}, or a bare {@code KEY} taken from {@code environment}
 * @param envFile {@code --env-file}: a dotenv file; {@code --env} wins over it
 * @param secrets {@code --secret}: {@code KEY=VAL}, or a bare {@code KEY} taken from {@code environment}
 * @param environment the local environment, for bare {@code --env KEY} and {@code --secret KEY}
 * @param infra {@code --infra}: {@code cloud[/region[/zone]]}; a bare cloud drops the YAML's region and zone
 * @param gpus {@code --gpus}: {@code V100}, {@code V100:8}, {@code V100:0.5}, a memory form, or {@code none}
 * @param cpus {@code --cpus}: {@code 4} or {@code 4+}
 * @param memory {@code --memory}: {@code 16}, {@code 16+} or with a unit
 * @param instanceType {@code --instance-type}
 * @param numNodes {@code --num-nodes}
 * @param useSpot {@code --use-spot}/{@code --no-use-spot}
 * @param imageId {@code --image-id}
 * @param diskSize {@code --disk-size}: GB, or with a unit
 * @param diskTier {@code --disk-tier}
 * @param networkTier {@code --network-tier}
 * @param ports {@code --ports} (repeatable)
 * @param workdir {@code --workdir}: an existing local directory
 * @param name {@code --name}
 */
public record TaskOverrides(
        List<String> envs,
        Path envFile,
        List<String> secrets,
        Map<String, String> environment,
        String infra,
        String gpus,
        String cpus,
        String memory,
        String instanceType,
        Integer numNodes,
        Boolean useSpot,
        String imageId,
        String diskSize,
        String diskTier,
        String networkTier,
        List<String> ports,
        String workdir,
        String name) {

    public TaskOverrides {
        envs = envs == null ? List.of() : List.copyOf(envs);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** No flags: applying it only resolves {@code ${VAR}} and checks that every env and secret has a value. */
    public static TaskOverrides none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether any flag that changes a task was given (the CLI warns when a multi-task YAML gets some). */
    public boolean any() {
        return !envs.isEmpty() || envFile != null || !secrets.isEmpty() || infra != null || gpus != null
                || cpus != null || memory != null || instanceType != null || numNodes != null || useSpot != null
                || imageId != null || diskSize != null || diskTier != null || networkTier != null || !ports.isEmpty()
                || workdir != null || name != null;
    }

    /**
     * Applies the flags to every task, then fills {@code ${VAR}} from the envs and secrets and rejects any that
     * is still null. Apply it to a pipeline from {@link TaskLoader#parse}: on an already resolved pipeline a
     * changed env no longer reaches the file mounts.
     */
    public Pipeline apply(Pipeline pipeline) {
        return OverrideApplier.apply(this, pipeline);
    }

    /** Builds a {@link TaskOverrides} one flag at a time. */
    public static final class Builder {
        private List<String> envs = List.of();
        private Path envFile;
        private List<String> secrets = List.of();
        private Map<String, String> environment = Map.of();
        private String infra;
        private String gpus;
        private String cpus;
        private String memory;
        private String instanceType;
        private Integer numNodes;
        private Boolean useSpot;
        private String imageId;
        private String diskSize;
        private String diskTier;
        private String networkTier;
        private List<String> ports = List.of();
        private String workdir;
        private String name;

        public Builder envs(List<String> v) { envs = v; return this; }
        public Builder envFile(Path v) { envFile = v; return this; }
        public Builder secrets(List<String> v) { secrets = v; return this; }
        public Builder environment(Map<String, String> v) { environment = v; return this; }
        public Builder infra(String v) { infra = v; return this; }
        public Builder gpus(String v) { gpus = v; return this; }
        public Builder cpus(String v) { cpus = v; return this; }
        public Builder memory(String v) { memory = v; return this; }
        public Builder instanceType(String v) { instanceType = v; return this; }
        public Builder numNodes(Integer v) { numNodes = v; return this; }
        public Builder useSpot(Boolean v) { useSpot = v; return this; }
        public Builder imageId(String v) { imageId = v; return this; }
        public Builder diskSize(String v) { diskSize = v; return this; }
        public Builder diskTier(String v) { diskTier = v; return this; }
        public Builder networkTier(String v) { networkTier = v; return this; }
        public Builder ports(List<String> v) { ports = v; return this; }
        public Builder workdir(String v) { workdir = v; return this; }
        public Builder name(String v) { name = v; return this; }

        public TaskOverrides build() {
            return new TaskOverrides(envs, envFile, secrets, environment, infra, gpus, cpus, memory, instanceType,
                    numNodes, useSpot, imageId, diskSize, diskTier, networkTier, ports, workdir, name);
        }
    }
}
