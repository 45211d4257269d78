package dev.sky.provision.storage;

import dev.sky.core.state.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MD5s of local files, remembered by (path, size, mtime) in one 0600 file under SKY_HOME, so an upload with nothing
 * changed reads no file content. A file whose size or mtime changed is hashed again.
 */
final class LocalChecksums {
    private record Key(String path, long size, long mtimeNanos) {}

    private final Path file;
    private final Map<Key, String> known = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    private LocalChecksums(Path file) {
        this.file = file;
    }

    static LocalChecksums load(Path file) {
        LocalChecksums c = new LocalChecksums(file);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] p = line.split(" ", 4);
                    if (p.length == 4) {
                        c.known.put(new Key(p[3], Long.parseLong(p[0]), Long.parseLong(p[1])), p[2]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                c.known.clear(); // a damaged cache only costs hashing again
            }
        }
        return c;
    }

    String md5(Path path, long size, long mtimeNanos) {
        Key k = new Key(path.toString(), size, mtimeNanos);
        String v = known.get(k);
        if (v == null) {
            v = hash(path);
            known.put(k, v);
            dirty = true;
        }
        return v;
    }

    void save() {
        if (!dirty) {
            return;
        }
        StringBuilder b = new StringBuilder();
        known.forEach((k, v) -> b.append(k.size()).append(' ').append(k.mtimeNanos()).append(' ').append(v).append(' ')
                .append(k.path()).append('\n'));
        try {
            OwnerOnlyFiles.replaceAtomically(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[128 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
