package dev.sky.core.yaml;

import dev.sky.core.task.AcceleratorDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every form of {@code accelerators:} (and {@code --gpus}): {@code A100}, {@code A100:4}, {@code V100:0.5},
 * by memory ({@code 80GB+}, {@code 24GB:2}, {@code nvidia:80GB}, {@code amd:192GB:8}), a dict of alternatives
 * (a set), a list of alternatives (a preference order), a list of one-entry dicts, and a set-literal string
 * {@code "{A100:1, V100:1}"}.
 */
public final class AcceleratorParser {
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([GgMmTt])[Bb](\\+?)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    private static final Pattern COUNT = Pattern.compile("[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+");

    private AcceleratorParser() {}

    /**
     * The alternatives of one request.
     *
     * @param demands at least one demand
     * @param list whether they came as a list (a preference order) rather than a dict or set (any of them)
     */
    public record Alternatives(List<AcceleratorDemand> demands, boolean list) {
        public Alternatives {
            demands = List.copyOf(demands);
        }
    }

    /** Parses a string form ({@code --gpus} or a YAML string): one demand, or a set literal. */
    public static Alternatives parse(String text) {
        String t = text.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            List<AcceleratorDemand> out = new ArrayList<>();
            for (String part : t.substring(1, t.length() - 1).split(",")) {
                String p = unquote(part.strip());
                if (!p.isEmpty()) {
                    out.add(one(p));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("the set '" + text + "' names no accelerator");
            }
            return new Alternatives(out, false);
        }
        return new Alternatives(List.of(one(t)), false);
    }

    /** Parses the YAML node of {@code accelerators:} or {@code gpus:}. */
    static Alternatives parse(YNode node) {
        try {
            if (node.isMap()) {
                List<AcceleratorDemand> out = new ArrayList<>();
                for (Map.Entry<String, YNode> e : node.map().entrySet()) {
                    out.add(entry(e.getKey(), e.getValue()));
                }
                if (out.isEmpty()) {
                    throw node.error("the mapping names no accelerator");
                }
                return new Alternatives(out, false);
            }
            if (node.isList()) {
                List<AcceleratorDemand> out = new ArrayList<>();
                for (YNode item : node.list()) {
                    if (item.isMap()) {
                        Map<String, YNode> m = item.map();
                        if (m.size() != 1) {
                            throw item.error("a list item must name one accelerator, e.g. '- A100: 8' or '- A100:8'");
                        }
                        var e = m.entrySet().iterator().next();
                        out.add(entry(e.getKey(), e.getValue()));
                    } else {
                        out.add(scalar(item));
                    }
                }
                if (out.isEmpty()) {
                    throw node.error("the list names no accelerator");
                }
                return new Alternatives(out, true);
            }
            if (node.isString()) {
                return parse(node.string());
            }
            throw node.expected("an accelerator such as 'A100:8', a mapping {A100: 8, V100: 8} or a list");
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static AcceleratorDemand scalar(YNode item) {
        try {
            return one(item.scalarText());
        } catch (IllegalArgumentException e) {
            throw item.error(e.getMessage());
        }
    }

    /** A dict entry {@code A100: 2}; a null count means 1, or the count written in the key ({@code 'A100:1'}). */
    private static AcceleratorDemand entry(String key, YNode value) {
        try {
            AcceleratorDemand d = one(key);
            if (value.isNull()) {
                return d;
            }
            if (key.contains(":") && !d.byMemory()) {
                throw value.error("give the count either in the key or as the value, not both");
            }
            double count = value.number();
            checkCount(count, key + ": " + value.raw());
            return new AcceleratorDemand(d.name(), count, d.memoryGb(), d.memoryAtLeast(), d.manufacturer());
        } catch (IllegalArgumentException e) {
            throw value.error(e.getMessage());
        }
    }

    /** One demand: {@code NAME[:COUNT]} or a memory form {@code [MAKER:]MEM[+][:COUNT]}. */
    static AcceleratorDemand one(String text) {
        String t = text.strip();
        String[] parts = t.split(":", -1);
        int memAt = -1;
        for (int i = 0; i < parts.length; i++) {
            if (MEMORY.matcher(parts[i].strip()).matches()) {
                memAt = i;
                break;
            }
        }
        if (memAt >= 0) {
            return byMemory(t, parts, memAt);
        }
        if (parts.length > 2 || !NAME.matcher(parts[0].strip()).matches()) {
            throw new IllegalArgumentException("expected an accelerator as <name> or <name>:<count> (e.g. A100:8)"
                    + " or by memory (80GB+, 24GB:2, nvidia:80GB), got '" + text + "'");
        }
        double count = parts.length == 2 ? count(parts[1], text) : 1;
        return AcceleratorDemand.of(parts[0].strip(), count);
    }

    private static AcceleratorDemand byMemory(String text, String[] parts, int memAt) {
        boolean shapeOk = memAt <= 1 && parts.length - memAt <= 2
                && (memAt == 0 || NAME.matcher(parts[0].strip()).matches());
        if (!shapeOk) {
            throw new IllegalArgumentException("expected a memory request as [<maker>:]<memory>[+][:<count>]"
                    + " (e.g. 80GB+, 24GB:2, amd:192GB:8), got '" + text + "'");
        }
        Matcher m = MEMORY.matcher(parts[memAt].strip());
        m.matches();
        double gb = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> 1.0 / 1024;
            case "t" -> 1024.0;
            default -> 1.0;
        };
        String maker = memAt == 1 ? parts[0].strip().toLowerCase(Locale.ROOT) : null;
        double count = parts.length - memAt == 2 ? count(parts[memAt + 1], text) : 1;
        return new AcceleratorDemand(null, count, gb, !m.group(3).isEmpty(), maker);
    }

    private static double count(String s, String text) {
        String c = s.strip();
        if (!COUNT.matcher(c).matches()) {
            throw new IllegalArgumentException("the count in '" + text + "' must be a positive number");
        }
        double v = Double.parseDouble(c);
        checkCount(v, text);
        return v;
    }

    private static void checkCount(double v, String text) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("the count in '" + text + "' must be greater than 0");
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
