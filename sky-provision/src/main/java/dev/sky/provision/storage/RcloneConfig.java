package dev.sky.provision.storage;

import dev.sky.provision.storage.spi.RcloneRemote;
import java.util.Map;

/** One rclone remote as rclone.conf text. The text holds secrets: it only ever travels as a 0600 file's content. */
final class RcloneConfig {
    private RcloneConfig() {}

    /** The remote's name for a bucket (rclone allows letters, digits, '.', '-', '_'). */
    static String remoteName(String bucket) {
        return "sky-" + bucket.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String text(String bucket, RcloneRemote remote) {
        StringBuilder b = new StringBuilder("[").append(remoteName(bucket)).append("]\n");
        b.append("type = ").append(remote.type()).append('\n');
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(remote.options()).entrySet()) {
            if (e.getValue().indexOf('\n') >= 0 || e.getKey().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("rclone option " + e.getKey() + " holds a line break");
            }
            b.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        return b.toString();
    }
}
