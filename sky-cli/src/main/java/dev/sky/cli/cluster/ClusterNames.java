package dev.sky.cli.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Cluster names: SkyPilot's rule, and a generated name when -c is absent. */
public final class ClusterNames {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?");

    private ClusterNames() {}

    public static String checked(String name) {
        if (!VALID.matcher(name).matches() || name.length() > 63) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Invalid cluster name '" + name + "': use letters, digits,"
                    + " '-', '_' and '.', starting with a letter and ending with a letter or digit (at most 63).");
        }
        return name;
    }

    /** {@code sky-3f9a-alice}, as SkyPilot generates. */
    public static String generate() {
        String user = System.getProperty("user.name", "user").toLowerCase().replaceAll("[^a-z0-9]", "");
        if (user.isEmpty()) {
            user = "user";
        }
        return "sky-" + String.format("%04x", new SecureRandom().nextInt(0x10000)) + "-" + user;
    }
}
