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
     * Parses JSON text into {@link Map} (insertion order), {@link java.util.List}, String, Long or Double, Boolean or
     * null. Hand-written because it runs on the start-up path of status (one parse per stored record). Messages
     * never quote the text, which may be a stored record.
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.skipSpace();
        Object v = r.value();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw new IllegalArgumentException("not valid JSON: trailing characters at offset " + r.pos);
        }
        return v;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException bad() {
            return new IllegalArgumentException("not valid JSON at offset " + pos);
        }

        Object value() {
            if (pos >= s.length()) {
                throw bad();
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default: return number();
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw bad();
            }
            pos += word.length();
            return v;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            pos++;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw bad();
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        java.util.List<Object> array() {
            java.util.List<Object> l = new java.util.ArrayList<>();
            pos++;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return l;
            }
            while (true) {
                skipSpace();
                l.add(value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return l;
            }
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw bad();
            }
            pos++;
        }

        String string() {
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw bad();
                        }
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            }
            throw bad();
        }

        Number number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String n = s.substring(start, pos);
            if (n.isEmpty()) {
                throw bad();
            }
            try {
                if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
                    long v = Long.parseLong(n);
                    return v == (int) v ? (Number) (int) v : (Number) v;
                }
                return Double.parseDouble(n);
            } catch (NumberFormatException ex) {
                throw bad();
            }
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
