package dev.sky.provision.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * One bucket file mount, resolved from the task: where it goes, which bucket, and what sky must do first.
 *
 * @param destination the destination as written in the task (the provisioner maps it to a node path)
 * @param mode COPY, MOUNT or MOUNT_CACHED
 * @param storeType "s3", "gcs", "azure", "r2"
 * @param bucket the bucket (Azure: container)
 * @param prefix the path inside the bucket, "" for all of it
 * @param account the Azure storage account, else null
 * @param localSources local folders or files to upload into the bucket first (may be empty)
 * @param named whether the task named the bucket ({@code name:}), so sky creates it when missing
 * @param persistent false: sky deletes the bucket (one it created) on {@code sky down}
 * @param writtenUrl the URL as the task wrote it when it has no canonical form (one under a configured endpoint, e.g.
 *     Azurite's), else null
 */
public record MountPlan(String destination, StorageMode mode, String storeType, String bucket, String prefix,
                        String account, List<Path> localSources, boolean named, boolean persistent,
                        String writtenUrl) {
    public MountPlan {
        localSources = List.copyOf(localSources);
    }

    /** The bucket as a URI, for messages: the canonical form, else the URL as written. */
    public String uri() {
        return writtenUrl != null ? writtenUrl
                : new dev.sky.provision.storage.spi.StoreUri(storeType, bucket, prefix, account).toUri();
    }
}
