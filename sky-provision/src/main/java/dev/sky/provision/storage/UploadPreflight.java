package dev.sky.provision.storage;

import dev.sky.core.SkyException;
import dev.sky.provision.sync.IgnoreFiles;
import dev.sky.provision.sync.ManifestEntry;
import dev.sky.provision.sync.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What sky says before it uploads a workdir, a file mount or a bucket source: the file count and the size, and a
 * warning pointing at {@code .skyignore} when either is over a threshold (users have waited hours on a forgotten
 * dataset in their workdir).
 *
 * @param warnBytes over this many bytes an upload gets a warning ({@value #WARN_MB_ENV} sets it in MB)
 * @param warnFiles over this many files an upload gets a warning ({@value #WARN_FILES_ENV} sets it)
 */
public record UploadPreflight(long warnBytes, long warnFiles) {
    /** The default size threshold: 1 GB. */
    public static final long DEFAULT_WARN_BYTES = 1L << 30;
    /** The default file-count threshold. */
    public static final long DEFAULT_WARN_FILES = 10_000;
    /** Environment variable: the size threshold in MB (a whole number). */
    public static final String WARN_MB_ENV = "SKY_UPLOAD_WARN_MB";
    /** Environment variable: the file-count threshold (a whole number). */
    public static final String WARN_FILES_ENV = "SKY_UPLOAD_WARN_FILES";

    /** How much a local folder or file holds, after its ignore files. */
    public record Size(long files, long bytes) {
        @Override
        public String toString() {
            return files + " file(s), " + human(bytes);
        }
    }

    /** The thresholds, from the environment where it sets them; a bad value is refused in one line. */
    public static UploadPreflight from(Map<String, String> env) {
        return new UploadPreflight(number(env, WARN_MB_ENV, DEFAULT_WARN_BYTES >> 20) << 20,
                number(env, WARN_FILES_ENV, DEFAULT_WARN_FILES));
    }

    /** Counts the files and bytes under {@code path} (a folder, with its .skyignore or .gitignore, or one file). */
    public static Size measure(Path path) {
        if (!Files.isDirectory(path)) {
            return new Size(1, TreeScanner.scanFile(path, "f").values().iterator().next().size());
        }
        long files = 0;
        long bytes = 0;
        for (ManifestEntry e : new TreeScanner(IgnoreFiles.detect(path)).scanDirectory(path).values()) {
            if (e.type() == ManifestEntry.Type.FILE) {
                files++;
                bytes += e.size();
            }
        }
        return new Size(files, bytes);
    }

    /** {@code Uploading 12 file(s), 3.4 MB from ~/data to s3://b}. */
    public static String summary(String what, String target, Size size) {
        return "Uploading " + size + " from " + what + " to " + target;
    }

    /** The warning line for {@code what} (e.g. "The workdir ~/proj"), or empty when it is small. */
    public Optional<String> warning(String what, Size size) {
        if (size.bytes() <= warnBytes && size.files() <= warnFiles) {
            return Optional.empty();
        }
        return Optional.of("Warning: " + what + " is large (" + size + "). If the job does not need all of it, list"
                + " what to leave out in a .skyignore file at its root (same syntax as .gitignore).");
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0 && n < (1L << 40)) {
                return n;
            }
        } catch (NumberFormatException bad) {
            // Refused below.
        }
        throw SkyException.invalidInput(name + " must be a whole number (0 or more), not '" + v + "'.");
    }
}
