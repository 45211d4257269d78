package dev.sky.provision.storage;

import java.util.Locale;

/** SkyPilot's storage modes. */
public enum StorageMode {
    /** The bucket is copied to the node's disk once, when the cluster is set up. */
    COPY,
    /** A FUSE mount (rclone): reads and writes go straight to the bucket. */
    MOUNT,
    /** An rclone mount with a write-back cache; a job finishes only once its writes are uploaded. */
    MOUNT_CACHED;

    /** Parses the YAML value (case-insensitive); null is SkyPilot's default, MOUNT. */
    public static StorageMode parse(String value, String where) {
        if (value == null) {
            return MOUNT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.sky.core.SkyException.invalidInput(where + ": mode must be MOUNT, COPY or MOUNT_CACHED, not '"
                    + value + "'.");
        }
    }

    public boolean mounts() {
        return this != COPY;
    }
}
