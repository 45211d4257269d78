package dev.sky.core.yaml;

import dev.sky.core.task.Infra;
import java.util.List;
import java.util.Locale;

/**
 * {@code infra:} strings ({@code aws}, {@code aws/us-east-1/us-east-1a}, {@code *}, {@code aws/*}/{@code us-east-1a},
 * {@code k8s/<context>}, {@code ssh/<pool>}) and the legacy {@code cloud}/{@code region}/{@code zone} triple.
 */
public final class InfraParser {
    /** SkyPilot's cloud ids, plus sky's own {@code local} cloud. */
    public static final List<String> CLOUDS = List.of("aws", "azure", "gcp", "ibm", "lambda", "scp", "oci",
            "kubernetes", "runpod", "vast", "vsphere", "cudo", "fluidstack", "paperspace", "primeintellect", "do",
            "nebius", "ssh", "slurm", "hyperbolic", "seeweb", "shadeform", "yotta", "mithril", "verda", "local");

    private InfraParser() {}

    /** Parses an infra string; {@code *} parts mean "any". */
    public static Infra parse(String text) {
        String t = text.strip();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("expected cloud[/region[/zone]], '*', k8s/<context> or ssh/<pool>,"
                    + " got '" + text + "'");
        }
        int slash = t.indexOf('/');
        String head = (slash < 0 ? t : t.substring(0, slash)).toLowerCase(Locale.ROOT);
        String rest = slash < 0 ? null : t.substring(slash + 1);
        if (head.equals("k8s") || head.equals("kubernetes")) {
            // The context may itself contain '/' and ':' (EKS ARNs).
            return new Infra("kubernetes", any(rest), null);
        }
        if (head.equals("ssh")) {
            String pool = any(rest);
            if (pool != null && pool.contains("/")) {
                throw new IllegalArgumentException("expected ssh/<pool>, got '" + text + "'");
            }
            return new Infra("ssh", pool == null ? null : "ssh-" + pool, null);
        }
        String[] parts = t.split("/", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("expected at most cloud/region/zone, got '" + text + "'");
        }
        for (String p : parts) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("empty part in '" + text + "'; use '*' for any");
            }
        }
        String cloud = head.equals("*") ? null : cloud(head);
        return new Infra(cloud, parts.length > 1 ? any(parts[1]) : null, parts.length > 2 ? any(parts[2]) : null);
    }

    /** A cloud id, case-insensitive; an unknown one gets the nearest suggestion. */
    public static String cloud(String name) {
        String c = name.strip().toLowerCase(Locale.ROOT);
        if (c.equals("k8s")) {
            return "kubernetes";
        }
        if (!CLOUDS.contains(c)) {
            throw new IllegalArgumentException("unknown cloud '" + name + "'" + Suggest.hint(c, CLOUDS, "clouds"));
        }
        return c;
    }

    private static String any(String part) {
        return part == null || part.isBlank() || part.strip().equals("*") ? null : part.strip();
    }
}
