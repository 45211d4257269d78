package dev.sky.provision.storage;

/**
 * What sky says before an upload: the size and the file count, and a warning pointing at {@code .skyignore} when
 * either is over a threshold (users have waited hours on a forgotten dataset in their workdir).
 */
public final class UploadPreflight {
    /** Over this many bytes an upload gets a warning. */
    public static final long WARN_BYTES = 1L << 30;
    /** Over this many files an upload gets a warning. */
    public static final int WARN_FILES = 10_000;

    private UploadPreflight() {}

    /** {@code Uploading 12 file(s), 3.4 MB from ~/data to s3://b}. */
    public static String summary(String what, String target, long files, long bytes) {
        return "Uploading " + files + " file(s), " + human(bytes) + " from " + what + " to " + target;
    }

    /** The warning line, or null when the upload is small. */
    public static String warning(String what, long files, long bytes) {
        if (bytes <= WARN_BYTES && files <= WARN_FILES) {
            return null;
        }
        return "Warning: " + what + " is large (" + files + " files, " + human(bytes) + "). If the job does not need"
                + " all of it, list what to leave out in a .skyignore file at its root (same syntax as .gitignore).";
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
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
