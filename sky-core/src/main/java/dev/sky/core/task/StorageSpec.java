package dev.sky.core.task;

import java.util.List;
import java.util.Map;

/**
 * The dict form of a file mount: a bucket, optionally filled from local sources.
 *
 * @param name the bucket name, or null
 * @param sources local paths or one bucket URI; may be empty
 * @param store S3, GCS, AZURE, R2, ... (upper case), or null to choose
 * @param persistent keep the bucket after the task (default true)
 * @param mode MOUNT, COPY or MOUNT_CACHED (default MOUNT)
 * @param mountOptions extra mount options, or null
 * @param config the {@code config:} sub-dict, carried as is
 */
public record StorageSpec(String name, List<String> sources, String store, boolean persistent, String mode,
                          String mountOptions, Map<String, Object> config) {
    public StorageSpec {
        sources = sources == null ? List.of() : List.copyOf(sources);
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(config);
    }
}
