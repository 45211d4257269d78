package dev.sky.provision.storage;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the last COMPLETE upload of local sources into one bucket path stored: per object its key, the local file's
 * size and mtime, and its MD5. One 0600 file per (store, endpoint, bucket, prefix) under
 * {@code SKY_HOME/storage/uploads/}. When the local walk matches it exactly, an upload skips listing the bucket (the
 * listing is what made a no-change upload of 10,000 files take seconds). The file is removed before an upload sends
 * anything and written again only once every object is stored, so it never describes a half upload.
 */
final class UploadManifest {
    /** Environment variable: a non-empty value other than 0 makes every upload list the bucket again. */
    static final String RELIST_ENV = "SKY_STORAGE_RELIST";

    /** One stored object. */
    record Entry(String key, long size, long mtimeNanos, String md5Hex) {}

    private final Path file;

    private UploadManifest(Path file) {
        this.file = file;
    }

    static UploadManifest of(SkyPaths paths, String storeType, String endpoint, String bucket, String prefix) {
        String id = storeType + "\n" + (endpoint == null ? "" : endpoint) + "\n" + bucket + "\n" + prefix;
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
            return new UploadManifest(StorageMounts.home(paths).resolve("uploads")
                    .resolve(storeType + "-" + bucket + "-" + hash + ".manifest"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the environment asks to list the bucket on every upload; a value that is not 0 or 1 is refused. */
    static boolean relistRequested(Map<String, String> env) {
        String v = env.get(RELIST_ENV);
        if (v == null || v.isBlank() || v.strip().equals("0")) {
            return false;
        }
        if (v.strip().equals("1")) {
            return true;
        }
        throw SkyException.invalidInput(RELIST_ENV + " must be 0 or 1, not '" + v + "'.");
    }

    Path file() {
        return file;
    }

    /**
     * Whether an upload of {@code local} may skip the bucket listing: only when the caller trusts the bucket (it
     * existed, its record is READY, no relist was asked for) and the recorded upload holds exactly these keys with
     * the same sizes and mtimes.
     */
    boolean matches(boolean trusted, Collection<BucketUploader.LocalFile> local) {
        if (!trusted) {
            return false;
        }
        Optional<Map<String, Entry>> last = read();
        if (last.isEmpty() || last.get().size() != local.size()) {
            return false;
        }
        for (BucketUploader.LocalFile f : local) {
            Entry e = last.get().get(f.key());
            if (e == null || e.size() != f.size() || e.mtimeNanos() != f.mtimeNanos()) {
                return false;
            }
        }
        return true;
    }

    /** The recorded upload, or empty when there is none or the file is damaged (then the bucket is listed). */
    Optional<Map<String, Entry>> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Entry> out = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.split(" ", 4);
                if (p.length != 4) {
                    return Optional.empty();
                }
                out.put(p[3], new Entry(p[3], Long.parseLong(p[0]), Long.parseLong(p[1]), p[2]));
            }
            return Optional.of(out);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Before anything is sent: from now until {@link #write} the bucket may hold a half upload. */
    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After every object is stored: 0600, written to a temp file and moved, so a crash leaves no partial record. */
    void write(List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (e.key().indexOf('\n') >= 0) {
                forget(); // a key with a line break cannot be recorded: such a source is listed every time
                return;
            }
            b.append(e.size()).append(' ').append(e.mtimeNanos()).append(' ').append(e.md5Hex()).append(' ')
                    .append(e.key()).append('\n');
        }
        try {
            OwnerOnlyFiles.replaceAtomically(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
