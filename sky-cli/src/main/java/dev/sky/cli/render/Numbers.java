package dev.sky.cli.render;

import java.util.Locale;

/** Number formats shared by the tables. Always '.' as the decimal point, whatever the locale. */
public final class Numbers {
    private Numbers() {}

    /** {@code 8}, {@code 0.5}, {@code 15.3}; {@code -} when unknown. One decimal at most, as SkyPilot prints. */
    public static String compact(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A count that may be fractional: {@code 8}, {@code 0.5}, {@code 0.25}. */
    public static String count(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return stripZeros(String.format(Locale.ROOT, "%.4f", v));
    }

    /** Dollars with two decimals: {@code 3.06}. */
    public static String dollars(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** show-gpus prices: {@code $ 3.060}, or {@code -} when not offered. */
    public static String price3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "$ %.3f", v);
    }

    private static String stripZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
