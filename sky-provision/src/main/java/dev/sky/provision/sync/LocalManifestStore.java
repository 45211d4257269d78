package dev.sky.provision.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local copies of node manifests, under {@code SKY_HOME/sync/} (folder 0700, files 0600). A missing or unreadable
 * copy only costs one full manifest download from the node.
 */
public final class LocalManifestStore {
    private final Path dir;

    public LocalManifestStore(Path dir) {
        this.dir = dir;
    }

    /** The store under {@code skyHome/sync}. */
    public static LocalManifestStore under(Path skyHome) {
        return new LocalManifestStore(skyHome.resolve("sync"));
    }

    public Manifest load(String key) {
        Path file = dir.resolve(key + ".manifest");
        try {
            return Files.isRegularFile(file) ? Manifest.parse(Files.readString(file, StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    public void save(String key, Manifest manifest) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = dir.resolve(key + ".manifest.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, manifest.toBytes());
            Files.move(tmp, dir.resolve(key + ".manifest"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: the next sync reads the node's copy instead.
        }
    }

    public void forget(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key + ".manifest"));
        } catch (IOException e) {
            // Only a cache.
        }
    }
}
