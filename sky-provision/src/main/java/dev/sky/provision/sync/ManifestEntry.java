package dev.sky.provision.sync;

import java.util.Objects;

/**
 * What sky knows about one synced path: enough to tell whether it changed since it was sent.
 *
 * @param path '/'-separated, relative to the sync root
 * @param type regular file, folder or symbolic link
 * @param mode POSIX permission bits
 * @param size bytes, for files
 * @param mtimeNanos last modification in nanoseconds since the epoch, for files and links; 0 for folders (a
 *     folder's time changes with its contents and says nothing of its own)
 * @param linkTarget the target of a link, else null
 */
public record ManifestEntry(String path, Type type, int mode, long size, long mtimeNanos, String linkTarget) {

    public enum Type {
        FILE('F'), DIRECTORY('D'), SYMLINK('L');

        final char code;

        Type(char code) {
            this.code = code;
        }

        static Type of(char code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Unknown manifest entry type '" + code + "'");
        }
    }

    /** True when the node's copy must be replaced. */
    boolean differsFrom(ManifestEntry old) {
        return type != old.type || mode != old.mode || size != old.size || mtimeNanos != old.mtimeNanos
                || !Objects.equals(linkTarget, old.linkTarget);
    }
}
