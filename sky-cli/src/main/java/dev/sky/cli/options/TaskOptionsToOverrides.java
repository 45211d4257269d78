package dev.sky.cli.options;

import dev.sky.core.SkyException;
import dev.sky.core.yaml.TaskOverrides;
import java.util.Map;
import java.util.function.Consumer;

/** Maps the task flags to the core's {@link TaskOverrides}, folding the deprecated --cloud/--region/--zone into --infra. */
public final class TaskOptionsToOverrides {
    private TaskOptionsToOverrides() {}

    /**
     * @param environment the local environment, for bare {@code --env KEY} and {@code --secret KEY}
     * @param warn receives one line per deprecation
     */
    public static TaskOverrides map(TaskOptions o, Map<String, String> environment, Consumer<String> warn) {
        return builder(o, environment)
                .infra(infra(o, warn)).gpus(o.gpus).cpus(o.cpus).memory(o.memory).instanceType(o.instanceType)
                .numNodes(o.numNodes).useSpot(o.useSpot).imageId(o.imageId)
                .diskSize(o.diskSize == null ? null : o.diskSize.toString()).diskTier(o.diskTier)
                .networkTier(o.networkTier).ports(o.ports).workdir(o.workdir).name(o.name)
                .build();
    }

    /** Only the env, env-file and secret flags: what a multi-task YAML takes (the others are ignored with a warning). */
    public static TaskOverrides envOnly(TaskOptions o, Map<String, String> environment) {
        return builder(o, environment).build();
    }

    private static TaskOverrides.Builder builder(TaskOptions o, Map<String, String> environment) {
        return TaskOverrides.builder().envs(o.envs).envFile(o.envFile).secrets(o.secrets).environment(environment);
    }

    /** --infra as given, or cloud/region/zone built from the deprecated flags ({@code *} for a missing part). */
    static String infra(TaskOptions o, Consumer<String> warn) {
        if (!o.usesDeprecatedLocation()) {
            return o.infra;
        }
        if (o.infra != null) {
            throw SkyException.invalidInput("--infra cannot be combined with the deprecated --cloud, --region or"
                    + " --zone; use --infra CLOUD/REGION/ZONE alone.");
        }
        warn.accept("--cloud, --region and --zone are deprecated; use --infra CLOUD/REGION/ZONE.");
        String cloud = o.cloud == null ? "*" : o.cloud;
        if (o.zone != null) {
            return cloud + "/" + (o.region == null ? "*" : o.region) + "/" + o.zone;
        }
        return o.region != null ? cloud + "/" + o.region : cloud;
    }
}
