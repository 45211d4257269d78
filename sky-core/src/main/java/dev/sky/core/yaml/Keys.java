package dev.sky.core.yaml;

import java.util.List;
import java.util.Map;

/** The keys SkyPilot's task schema accepts at each level, and the check that rejects anything else. */
final class Keys {
    private Keys() {}

    static final List<String> TASK = List.of("name", "workdir", "event_callback", "num_nodes", "resources",
            "file_mounts", "service", "pool", "setup", "run", "envs", "secrets", "managed_secrets", "inputs",
            "outputs", "file_mounts_mapping", "config", "volumes", "volume_mounts", "api_server_access", "_metadata");

    /** Keys of one resource candidate (also the keys allowed in an any_of/ordered entry). */
    static final List<String> RESOURCE = List.of("infra", "cloud", "region", "zone", "cpus", "memory",
            "accelerators", "gpus", "instance_type", "use_spot", "job_recovery", "spot_recovery", "disk_size",
            "ephemeral_storage", "disk_tier", "network_tier", "local_disk", "max_hourly_cost", "ports", "labels",
            "accelerator_args", "image_id", "autostop", "priority", "priority_class", "volumes",
            "_no_missing_accel_warnings", "_docker_login_config", "_is_image_managed", "_requires_fuse",
            "_cluster_config_overrides");

    static final List<String> RESOURCES_TOP = concat(RESOURCE, List.of("any_of", "ordered"));

    static final List<String> WORKDIR = List.of("url", "ref");
    static final List<String> STORAGE = List.of("name", "source", "store", "persistent", "mode", "mount_options",
            "type", "config", "_is_sky_managed", "_bucket_sub_path", "_force_delete");
    static final List<String> STORAGE_CONFIG = List.of("disk_size", "disk_tier", "storage_type", "attach_mode",
            "mount_cached", "mount");
    static final List<String> MOUNT_CACHED = List.of("transfers", "buffer_size", "vfs_cache_max_size",
            "vfs_cache_max_age", "vfs_read_ahead", "vfs_read_chunk_size", "vfs_read_chunk_streams", "vfs_write_back",
            "read_only");
    static final List<String> MOUNT = List.of("read_only", "hf_mount_args");
    static final List<String> AUTOSTOP = List.of("idle_minutes", "down", "wait_for", "hook", "hook_timeout");
    static final List<String> JOB_RECOVERY = List.of("strategy", "max_restarts_on_errors", "recover_on_exit_codes");
    static final List<String> ACCELERATOR_ARGS = List.of("runtime_version", "tpu_name", "tpu_vm",
            "gcp_queued_resource");
    static final List<String> RESOURCE_VOLUME = List.of("path", "name", "disk_size", "disk_tier", "storage_type",
            "auto_delete", "attach_mode");
    static final List<String> POOL = List.of("workers", "min_workers", "max_workers", "queue_length_threshold",
            "upscale_delay_seconds", "downscale_delay_seconds");
    static final List<String> JOB_GROUP_HEADER = List.of("name", "execution", "primary_tasks", "termination_delay");

    /** Rejects the first key of {@code entries} that is not in {@code valid}, suggesting the nearest valid one. */
    static void check(Map<String, YNode> entries, List<String> valid) {
        for (Map.Entry<String, YNode> e : entries.entrySet()) {
            if (!valid.contains(e.getKey())) {
                throw e.getValue().keyError("unknown key" + Suggest.hint(e.getKey(), visible(valid), "keys"));
            }
        }
    }

    /** The keys worth listing to a user: internal ones (leading underscore) are accepted but not advertised. */
    static List<String> visible(List<String> keys) {
        return keys.stream().filter(k -> !k.startsWith("_")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
