package dev.sky.core.yaml;

import java.util.List;
import java.util.Map;

/**
 * The task-level {@code config:} block: only the keys SkyPilot lets a task override in {@code config.yaml}
 * ({@code OVERRIDEABLE_CONFIG_KEYS_IN_TASK}), plus the task-only {@code hooks}. Checked, then carried as written.
 */
final class ConfigSection {
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "docker", List.of("run_options"),
            "nvidia_gpus", List.of("disable_ecc"),
            "ssh", List.of("custom_metadata", "pod_config", "provision_timeout"),
            "kubernetes", List.of("custom_metadata", "pod_config", "provision_timeout", "dws", "kueue", "quota",
                    "remote_identity", "enable_docker", "set_pod_resource_limits"),
            "azure", List.of("remote_identity", "vpc_name"),
            "gcp", List.of("vpc_name", "subnet_names", "managed_instance_group", "enable_gvnic",
                    "enable_gpu_direct", "placement_policy"),
            "vast", List.of("datacenter_only", "create_instance_kwargs"),
            "slurm", List.of("sbatch_options", "quota", "cpu_partition"));
    private static final List<String> TOP = List.of("docker", "nvidia_gpus", "ssh", "kubernetes", "azure", "gcp",
            "vast", "slurm", "active_workspace", "hooks");
    private static final List<String> HOOK = List.of("run", "events", "timeout");
    private static final List<String> HOOK_EVENTS = List.of("stop", "preemption", "down");

    private ConfigSection() {}

    static Map<String, Object> parse(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        Map<String, YNode> m = n.map();
        Keys.check(m, TOP);
        for (Map.Entry<String, YNode> e : m.entrySet()) {
            YNode v = e.getValue();
            if (e.getKey().equals("hooks")) {
                hooks(v);
                v.ctx().warn(v, "lifecycle hooks are accepted but not acted on yet");
            } else if (e.getKey().equals("active_workspace")) {
                v.optString();
                v.ctx().warn(v, "workspaces are accepted but not acted on yet");
            } else if (!v.isNull()) {
                Keys.check(v.map(), ALLOWED.get(e.getKey()));
                v.ctx().warn(v, "config override accepted but not acted on yet");
            }
        }
        return n.plainMap();
    }

    private static void hooks(YNode n) {
        if (n.isNull()) {
            return;
        }
        List<YNode> items = n.list();
        if (items.size() > 32) {
            throw n.error("at most 32 hooks are allowed, found " + items.size());
        }
        for (YNode item : items) {
            Map<String, YNode> h = item.map();
            Keys.check(h, HOOK);
            YNode run = h.get("run");
            if (run == null || run.isNull() || run.string().isEmpty()) {
                throw item.error("a hook needs a non-empty 'run'");
            }
            if (run.raw().length() > 16 * 1024) {
                throw run.error("a hook's run is limited to 16384 characters");
            }
            if (h.containsKey("events")) {
                for (YNode ev : h.get("events").list()) {
                    ResourceFields.oneOf(ev, HOOK_EVENTS);
                }
            }
            if (h.containsKey("timeout") && h.get("timeout").intValue() < 1) {
                throw h.get("timeout").error("a hook timeout is at least 1 second");
            }
        }
    }
}
