package dev.sky.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * sqlite-jdbc copies its native library to the temp folder on every start, which costs start-up time. This
 * extracts it once to {@code SKY_HOME/cache/sqlite-native/<version>/<os>/<arch>/} and points sqlite-jdbc at it
 * through {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}. Any problem falls back to sqlite-jdbc's own
 * extraction: slower, still correct.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean prepared;

    private SqliteNativeLibrary() {}

    /** Must run before the first SQLite connection of the process; later calls do nothing. */
    static synchronized void prepare(Path cacheRoot) {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) {
            prepared = true;
            return;
        }
        prepared = true;
        try {
            extractTo(cacheRoot).ifPresent(lib -> {
                System.setProperty(PATH_PROPERTY, lib.getParent().toString());
                System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
            });
        } catch (IOException | RuntimeException | LinkageError e) {
            // fall back to sqlite-jdbc's per-start extraction
        }
    }

    /**
     * Copies this platform's bundled library under {@code cacheRoot} unless an intact copy is there already, and
     * returns its path; empty when sqlite-jdbc bundles none for this platform.
     */
    static Optional<Path> extractTo(Path cacheRoot) throws IOException {
        String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
        String name = System.mapLibraryName("sqlitejdbc");
        URL resource = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + folder + "/" + name);
        if (resource == null) {
            return Optional.empty(); // sqlite-jdbc then looks on java.library.path itself
        }
        Path dir = cacheRoot.resolve(version()).resolve(folder);
        Path lib = dir.resolve(name);
        URLConnection conn = resource.openConnection();
        // The size comes from the jar's directory, so checking it costs no read of the library.
        long size = conn.getContentLengthLong();
        if (Files.isRegularFile(lib) && Files.size(lib) == size) {
            return Optional.of(lib);
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try (InputStream in = conn.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            // Atomic so a concurrent sky never loads a half-written library.
            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Optional.of(lib);
    }

    /** The sqlite-jdbc version, from the {@code VERSION} file in its jar ({@code version=3.54.1}). */
    private static String version() throws IOException {
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream("/META-INF/maven/org.xerial/sqlite-jdbc/VERSION")) {
            if (in == null) {
                return "unknown";
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\\R")) {
                if (line.startsWith("version=")) {
                    return line.substring("version=".length()).strip().replaceAll("[^0-9A-Za-z._-]", "_");
                }
            }
            return "unknown";
        }
    }
}
