package dev.sky.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqlite-jdbc copies its native library to the temp folder on every start, which costs start-up time. This
 * extracts it once to {@code SKY_HOME/cache/sqlite-native/<version>/<os>-<arch>/} and points sqlite-jdbc at it
 * through {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}.
 *
 * <p>The warm path is two file-status calls: the folder name comes from the sqlite-jdbc jar's name (or its size and
 * time when it is repackaged) and the JVM's os.name/os.arch, so neither sqlite-jdbc's OS probe nor a jar read runs.
 * If the cached copy cannot be loaded, sqlite-jdbc falls back to its own extraction: slower, still correct.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final Pattern VERSIONED_JAR = Pattern.compile("sqlite-jdbc-([0-9][0-9A-Za-z.\\-]*)\\.jar");
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
            Path lib = location(cacheRoot);
            if (Files.isRegularFile(lib) || extract(lib)) {
                System.setProperty(PATH_PROPERTY, lib.getParent().toString());
                System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // fall back to sqlite-jdbc's per-start extraction
        }
    }

    /** Where this sqlite-jdbc's library for this platform is kept under {@code cacheRoot}. */
    static Path location(Path cacheRoot) throws IOException {
        String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch"))
                .replaceAll("[^0-9A-Za-z._-]", "_");
        return cacheRoot.resolve(versionKey()).resolve(platform).resolve(System.mapLibraryName("sqlitejdbc"));
    }

    /**
     * Copies the bundled library for this platform to {@code lib} (atomically, so a concurrent sky never loads a
     * half-written file). False when sqlite-jdbc bundles none for this platform.
     */
    static boolean extract(Path lib) throws IOException {
        String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
        URL resource = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + folder + "/" + lib.getFileName());
        if (resource == null) {
            return false; // sqlite-jdbc then looks on java.library.path itself
        }
        Path dir = Files.createDirectories(lib.getParent());
        Path tmp = Files.createTempFile(dir, lib.getFileName().toString(), ".tmp");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** {@code 3.54.1.0} from {@code sqlite-jdbc-3.54.1.0.jar}; for a repackaged jar, its name, size and time. */
    private static String versionKey() throws IOException {
        CodeSource source = org.sqlite.JDBC.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        Path jar;
        try {
            jar = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "unknown";
        }
        String name = jar.getFileName().toString();
        Matcher m = VERSIONED_JAR.matcher(name);
        if (m.matches()) {
            return m.group(1);
        }
        String stamp = Files.isRegularFile(jar)
                ? "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() : "";
        return (name + stamp).replaceAll("[^0-9A-Za-z._-]", "_").toLowerCase(Locale.ROOT);
    }
}
