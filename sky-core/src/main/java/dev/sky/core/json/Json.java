package dev.sky.core.json;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A tiny JSON writer and reader: sky's {@code --json} output and the state DB's JSON columns. Values are {@link Map} (keys in iteration order, so use a
 * {@link java.util.LinkedHashMap}), {@link Collection}, {@link CharSequence}, {@link Number}, {@link Boolean} or null.
 * Non-finite numbers become {@code null}, as JSON has no NaN.
 */
public final class Json {
    private Json() {}

    /** One line of JSON. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder(256);
        append(b, value);
        return b.toString();
    }

    /**
     * Parses JSON text into {@link Map}, {@link java.util.List}, String, Number, Boolean or null. JSON is YAML 1.2, so
     * the YAML parser sky already has reads it. Messages never quote the text, which may be a stored record.
     */
    public static Object parse(String text) {
        try {
            return new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromString(text.replace('\t', ' '));
        } catch (org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    /** {@link #parse} for text that must hold an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    private static void append(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof CharSequence s) {
            string(b, s);
        } else if (value instanceof Boolean bool) {
            b.append(bool.booleanValue());
        } else if (value instanceof Number n) {
            number(b, n);
        } else if (value instanceof Map<?, ?> m) {
            object(b, m);
        } else if (value instanceof Collection<?> c) {
            array(b, c.iterator());
        } else if (value instanceof Object[] a) {
            array(b, java.util.Arrays.asList(a).iterator());
        } else if (value instanceof Enum<?> e) {
            string(b, e.name());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder b, Map<?, ?> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, String.valueOf(e.getKey()));
            b.append(':');
            append(b, e.getValue());
        }
        b.append('}');
    }

    private static void array(StringBuilder b, Iterator<?> it) {
        b.append('[');
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            append(b, it.next());
        }
        b.append(']');
    }

    private static void number(StringBuilder b, Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                b.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                // Integral values print as integers: 8 vCPUs, not 8.0.
                b.append((long) d);
            } else {
                b.append(d);
            }
        } else {
            b.append(n);
        }
    }

    private static void string(StringBuilder b, CharSequence s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    // Control characters, and the two line separators that break JavaScript string literals.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
