package dev.sky.clouds.gcp.storage;

import dev.sky.core.SkyException;
import java.util.regex.Pattern;

/** GCS bucket naming rules, checked before any request so a bad name fails fast and contacts nothing. */
final class GcsBucketNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,220}[a-z0-9]");

    private GcsBucketNames() {}

    static void check(String bucket) {
        String why = problem(bucket);
        if (why != null) {
            throw SkyException.invalidInput("invalid GCS bucket name '" + bucket + "': " + why);
        }
    }

    /** Null when the name is valid, else the rule it breaks. */
    static String problem(String b) {
        if (b == null || !NAME.matcher(b).matches()) {
            return "use 3-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }
        if (!b.contains(".") && b.length() > 63) {
            return "at most 63 characters (222 with dots)";
        }
        for (String part : b.split("\\.")) {
            if (part.isEmpty() || part.length() > 63) {
                return "each dot-separated part must have 1-63 characters";
            }
        }
        if (b.startsWith("goog") || b.contains("google")) {
            return "names may not start with 'goog' or contain 'google'";
        }
        return null;
    }
}
