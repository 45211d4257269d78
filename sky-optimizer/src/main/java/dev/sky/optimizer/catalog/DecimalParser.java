package dev.sky.optimizer.catalog;

import java.nio.charset.StandardCharsets;

/**
 * Parses the plain decimals of a catalog ({@code 3.06000}, {@code 8.0}, {@code 12}) without creating a String.
 * The fast path is exact: a mantissa of at most 15 digits divided by an exact power of ten is correctly rounded, so
 * it gives the same double as {@link Double#parseDouble}. Anything else (exponents, long mantissas) goes to it.
 */
final class DecimalParser {
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private DecimalParser() {}

    /** The value of the bytes; NaN for an empty field or {@code nan}; throws NumberFormatException if not a number. */
    static double parse(byte[] bytes, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        int i = from;
        boolean negative = bytes[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                if (mantissa != 0 || b != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return slowPath(bytes, from, to);
            }
            if (digits > 15 || fraction > 22) {
                return slowPath(bytes, from, to);
            }
        }
        boolean hasDigit = (to - from) > (negative ? 1 : 0) + (fraction >= 0 ? 1 : 0);
        if (!hasDigit) {
            return slowPath(bytes, from, to);
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }

    private static double slowPath(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8).trim();
        if (text.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; a catalog holds none of those.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new NumberFormatException(text);
            }
        }
        return Double.parseDouble(text);
    }
}
