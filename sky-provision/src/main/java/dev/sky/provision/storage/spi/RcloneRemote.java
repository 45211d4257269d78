package dev.sky.provision.storage.spi;

import java.util.List;
import java.util.Map;

/**
 * rclone remote settings for ONE bucket, credentials scoped to it. Option values may be secret: never log them.
 *
 * @param type rclone's backend type ("s3", "google cloud storage", "azureblob")
 * @param options rclone's option names (without the RCLONE_CONFIG_ prefix) to values
 * @param notices lines the user reads at launch (when the credential expires, or why it could not be scoped);
 *     never a secret
 */
public record RcloneRemote(String type, Map<String, String> options, List<String> notices) {
    public RcloneRemote {
        options = Map.copyOf(options);
        notices = List.copyOf(notices);
    }

    /** A remote with nothing to tell the user. */
    public RcloneRemote(String type, Map<String, String> options) {
        this(type, options, List.of());
    }

    /** Shows the option names only: the values may be secret. */
    @Override
    public String toString() {
        return "RcloneRemote[type=" + type + ", options=" + new java.util.TreeSet<>(options.keySet()) + "]";
    }
}
