package dev.sky.core.yaml;

import dev.sky.core.task.Amount;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text forms of cpus, memory, sizes and durations, shared by the YAML loader and the CLI overrides. Each method
 * throws {@link IllegalArgumentException} with a message saying what was expected; callers add the location.
 */
public final class Quantities {
    private Quantities() {}

    /** Bytes per unit; SkyPilot counts every unit in powers of two. */
    private static final Map<String, Double> UNIT_BYTES = Map.ofEntries(
            Map.entry("b", 1d), Map.entry("k", 0x1p10), Map.entry("kb", 0x1p10), Map.entry("ki", 0x1p10),
            Map.entry("m", 0x1p20), Map.entry("mb", 0x1p20), Map.entry("mi", 0x1p20),
            Map.entry("g", 0x1p30), Map.entry("gb", 0x1p30), Map.entry("gi", 0x1p30),
            Map.entry("t", 0x1p40), Map.entry("tb", 0x1p40), Map.entry("ti", 0x1p40),
            Map.entry("p", 0x1p50), Map.entry("pb", 0x1p50), Map.entry("pi", 0x1p50));
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]{0,2})");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+");
    private static final Pattern TIME = Pattern.compile("([0-9]+)([mhdwMHDW]?)");
    private static final String CPUS_FORM = "a number or a string '<number>+' (e.g. 4 or 4+)";
    private static final String MEMORY_FORM =
            "a number of GB, '<number>+', '<number>x' (GB per vCPU) or a size such as 32GB or 512Mi";

    /** {@code 4} = exactly 4 vCPUs, {@code 4+} = at least 4; must be positive. */
    public static Amount cpus(String text) {
        String t = text.strip();
        boolean atLeast = t.endsWith("+");
        double v = positive(atLeast ? t.substring(0, t.length() - 1) : t, CPUS_FORM);
        return atLeast ? Amount.atLeast(v) : Amount.exact(v);
    }

    /** {@code 16}, {@code 16+}, {@code 4x}, or with a unit ({@code 32GB}, {@code 512Mi+}); stored in GB. */
    public static Amount memory(String text) {
        String t = text.strip();
        if (t.endsWith("x") || t.endsWith("X")) {
            return Amount.perCpu(positive(t.substring(0, t.length() - 1), MEMORY_FORM));
        }
        boolean atLeast = t.endsWith("+");
        String body = atLeast ? t.substring(0, t.length() - 1) : t;
        double gb = sizeGb(body, MEMORY_FORM);
        if (!(gb > 0)) {
            throw new IllegalArgumentException("expected " + MEMORY_FORM + " greater than 0, got '" + text + "'");
        }
        return atLeast ? Amount.atLeast(gb) : Amount.exact(gb);
    }

    /** A disk size: an integer number of GB, or a size with a unit ({@code 100GB}, {@code 1Ti}). */
    public static int diskGb(String text) {
        double gb = sizeGb(text.strip(), "an integer number of GB or a size such as 100GB or 1Ti");
        if (!(gb > 0) || gb != Math.rint(gb) || gb > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a whole, positive number of GB, got '" + text + "'");
        }
        return (int) gb;
    }

    /** A size in GB: a bare number is GB, a unit is b, k/kb/ki, m/mb/mi, g/gb/gi, t/tb/ti or p/pb/pi. */
    static double sizeGb(String text, String form) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + form + ", got '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            return n;
        }
        Double bytes = UNIT_BYTES.get(unit);
        if (bytes == null) {
            throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                    + "'; use b, kb, mb, gb, tb, pb or ki, mi, gi, ti, pi");
        }
        return n * bytes / 0x1p30;
    }

    /** Minutes from {@code 90}, {@code 2h}, {@code 1d} or {@code 1w} ({@code m} = minutes). */
    public static int minutes(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected minutes or a duration such as 30m, 2h, 1d or 1w, got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "h" -> 60;
            case "d" -> 24 * 60;
            case "w" -> 7 * 24 * 60;
            default -> 1;
        };
        long v = n * factor;
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the duration '" + text + "' is too long");
        }
        return (int) v;
    }

    private static double positive(String t, String form) {
        if (!DECIMAL.matcher(t.strip()).matches()) {
            throw new IllegalArgumentException("expected " + form + ", got '" + t + "'");
        }
        double v = Double.parseDouble(t.strip());
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("expected " + form + " greater than 0, got '" + t + "'");
        }
        return v;
    }
}
