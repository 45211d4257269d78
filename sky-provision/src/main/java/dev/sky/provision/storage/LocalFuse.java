package dev.sky.provision.storage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this machine can run rclone, and rclone mounts (the local cloud's nodes are this machine). */
final class LocalFuse {
    private LocalFuse() {}

    /** Why rclone cannot run here (COPY needs it), or empty when it can. */
    static Optional<String> missingRclone() {
        if (onPath("rclone").isEmpty()) {
            return Optional.of("rclone is not installed on this machine (install rclone, e.g. `apt-get install"
                    + " rclone`)");
        }
        return Optional.empty();
    }

    /** Why a mount cannot work here, or empty when it can. */
    static Optional<String> missing() {
        Optional<String> rclone = missingRclone();
        if (rclone.isPresent()) {
            return rclone;
        }
        Path fuse = Path.of("/dev/fuse");
        if (!Files.exists(fuse)) {
            return Optional.of("FUSE is not available on this machine (/dev/fuse is missing; install fuse3)");
        }
        if (!Files.isReadable(fuse) || !Files.isWritable(fuse)) {
            return Optional.of("FUSE is not usable by " + System.getProperty("user.name") + " on this machine"
                    + " (/dev/fuse is not open to this user)");
        }
        if (onPath("fusermount3").isEmpty() && onPath("fusermount").isEmpty()) {
            return Optional.of("fusermount is not installed on this machine (install fuse3)");
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
