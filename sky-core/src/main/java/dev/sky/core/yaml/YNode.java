package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A composed YAML node together with its field path ({@code resources.any_of[1].cpus}) and its file, so that every
 * value read from it can be rejected with {@code file:line:col: path: what was expected}.
 */
final class YNode {
    /** Deeper nesting than this is either hostile or a recursive alias. */
    private static final int MAX_DEPTH = 64;

    private final Node node;
    private final String path;
    private final YamlContext ctx;
    private final int depth;

    YNode(Node node, String path, YamlContext ctx) {
        this(node, path, ctx, 0);
    }

    private YNode(Node node, String path, YamlContext ctx, int depth) {
        this.node = node;
        this.path = path;
        this.ctx = ctx;
        this.depth = depth;
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep (or a recursive alias)");
        }
        ctx.spend(this);
    }

    String path() {
        return path;
    }

    YamlContext ctx() {
        return ctx;
    }

    /** {@code file:line:col} of this node (1-based). */
    String where() {
        Optional<Mark> m = node.getStartMark();
        return ctx.label() + ":" + m.map(x -> (x.getLine() + 1) + ":" + (x.getColumn() + 1)).orElse("1:1");
    }

    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    int column() {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }

    /** An invalid-input error located at this node. */
    SkyException error(String message) {
        return SkyException.invalidInput(where() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    /** An error located at the key that holds this value (for unknown or conflicting keys). */
    SkyException keyError(String message) {
        var p = ctx.positionOf(path);
        String at = p == null ? where() : ctx.label() + ":" + p;
        return SkyException.invalidInput(at + ": " + path + ": " + message);
    }

    /** An error saying what was expected and what kind of node was found (never the value itself). */
    SkyException expected(String what) {
        return error("expected " + what + ", found " + kind());
    }

    // ---- kinds ----

    boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    /** A string; a plain {@code ${VAR}} counts too (snakeyaml-engine tags it as an env reference). */
    boolean isString() {
        return isScalar() && (Tag.STR.equals(node.getTag()) || Tag.ENV_TAG.equals(node.getTag()));
    }

    boolean isInt() {
        return isScalar() && Tag.INT.equals(node.getTag());
    }

    boolean isNumber() {
        return isScalar() && (Tag.INT.equals(node.getTag()) || Tag.FLOAT.equals(node.getTag()));
    }

    boolean isBool() {
        return isScalar() && Tag.BOOL.equals(node.getTag());
    }

    /** A short description of the node for messages: "a string", "a list", ... */
    String kind() {
        if (isNull()) {
            return "nothing (null)";
        }
        if (isMap()) {
            return "a mapping";
        }
        if (isList()) {
            return "a list";
        }
        if (isBool()) {
            return "a boolean";
        }
        if (isNumber()) {
            return "a number";
        }
        return isString() ? "a string" : "a value tagged " + node.getTag().getValue();
    }

    // ---- scalars ----

    /** The scalar's text as written (after YAML unescaping). */
    String raw() {
        if (!(node instanceof ScalarNode s)) {
            throw expected("a single value");
        }
        return s.getValue();
    }

    String string() {
        if (!isString()) {
            throw expected("a string");
        }
        return raw();
    }

    /** A string, or null when the node is null. */
    String optString() {
        return isNull() ? null : string();
    }

    /**
     * Any scalar as text, the way SkyPilot turns env values into strings with Python's {@code str()}: booleans
     * become {@code True}/{@code False}, numbers keep their spelling.
     */
    String scalarText() {
        if (isBool()) {
            return bool() ? "True" : "False";
        }
        if (!isScalar()) {
            throw expected("a string, a number or a boolean");
        }
        return raw();
    }

    long integer() {
        if (!isInt()) {
            throw expected("an integer");
        }
        try {
            return parseInt(raw());
        } catch (NumberFormatException e) {
            throw error("expected an integer, found '" + raw() + "'");
        }
    }

    /** YAML 1.2 core integers: decimal (a leading zero stays decimal), {@code 0o} octal, {@code 0x} hex. */
    private static long parseInt(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        long v;
        if (body.startsWith("0x") || body.startsWith("0X")) {
            v = Long.parseLong(body.substring(2), 16);
        } else if (body.startsWith("0o") || body.startsWith("0O")) {
            v = Long.parseLong(body.substring(2), 8);
        } else {
            v = Long.parseLong(body);
        }
        return negative ? -v : v;
    }

    int intValue() {
        long v = integer();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("the integer " + v + " is out of range");
        }
        return (int) v;
    }

    double number() {
        if (!isNumber()) {
            throw expected("a number");
        }
        String t = raw().replace("_", "");
        try {
            return isInt() ? parseInt(t) : parseFloat(t);
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + raw() + "'");
        }
    }

    private static double parseFloat(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }

    /** A boolean; YAML 1.1's plain {@code yes/no/on/off} are accepted too, as PyYAML reads them. */
    boolean bool() {
        if (isBool()) {
            return raw().equalsIgnoreCase("true");
        }
        if (isString() && ((ScalarNode) node).getScalarStyle() == ScalarStyle.PLAIN) {
            switch (raw().toLowerCase(java.util.Locale.ROOT)) {
                case "yes", "on" -> { return true; }
                case "no", "off" -> { return false; }
                default -> { }
            }
        }
        throw expected("true or false");
    }

    // ---- collections ----

    /**
     * The mapping's entries in order, keyed by the key's text. Duplicate keys are an error; {@code <<} merge keys
     * are applied as PyYAML does (explicit keys win). Every key's position is remembered for later messages.
     */
    Map<String, YNode> map() {
        if (!(node instanceof MappingNode m)) {
            throw expected("a mapping");
        }
        Map<String, YNode> out = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        List<YNode> merges = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            YNode key = new YNode(t.getKeyNode(), path, ctx, depth + 1);
            if (isMergeKey(t.getKeyNode())) {
                merges.add(child(t.getValueNode(), "<<"));
                continue;
            }
            if (!key.isScalar() && !key.isNull()) {
                throw key.error("a key must be a single value, found " + key.kind());
            }
            String k = key.isNull() ? "null" : key.raw();
            Node first = keyNodes.putIfAbsent(k, t.getKeyNode());
            if (first != null) {
                int firstLine = first.getStartMark().map(x -> x.getLine() + 1).orElse(0);
                throw new YNode(t.getKeyNode(), join(path, k), ctx, depth + 1)
                        .error("duplicate key (first given on line " + firstLine + ")");
            }
            YNode value = child(t.getValueNode(), k);
            ctx.remember(value.path, key.line(), key.column());
            out.put(k, value);
        }
        for (YNode merge : merges) {
            List<YNode> sources = merge.isList() ? merge.list() : List.of(merge);
            for (YNode source : sources) {
                source.map().forEach((k, v) -> out.putIfAbsent(k, v.rebase(join(path, k))));
            }
        }
        return out;
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && (Tag.MERGE.equals(s.getTag())
                || ("<<".equals(s.getValue()) && s.getScalarStyle() == ScalarStyle.PLAIN));
    }

    /** The list's items, with paths {@code path[i]}. */
    List<YNode> list() {
        if (!(node instanceof SequenceNode s)) {
            throw expected("a list");
        }
        List<YNode> out = new ArrayList<>(s.getValue().size());
        int i = 0;
        for (Node item : s.getValue()) {
            out.add(new YNode(item, path + "[" + i++ + "]", ctx, depth + 1));
        }
        return out;
    }

    private YNode child(Node n, String key) {
        return new YNode(n, join(path, key), ctx, depth + 1);
    }

    /** The same node seen under another path (after a merge key or an any_of merge). */
    YNode rebase(String newPath) {
        return new YNode(node, newPath, ctx, depth);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The subtree as plain Java values (maps keep their order; ints become Long, floats Double), for sections sky
     * carries as written (service, pool, config, volumes).
     */
    Object plain() {
        if (isNull()) {
            return null;
        }
        if (isMap()) {
            Map<String, Object> out = new LinkedHashMap<>();
            map().forEach((k, v) -> out.put(k, v.plain()));
            return out;
        }
        if (isList()) {
            List<Object> out = new ArrayList<>();
            for (YNode item : list()) {
                out.add(item.plain());
            }
            return out;
        }
        if (isBool()) {
            return bool();
        }
        if (isInt()) {
            return integer();
        }
        if (isNumber()) {
            return number();
        }
        return raw();
    }

    /** {@link #plain()} of a node that must be a mapping (or null, giving null). */
    @SuppressWarnings("unchecked")
    Map<String, Object> plainMap() {
        if (isNull()) {
            return null;
        }
        if (!isMap()) {
            throw expected("a mapping");
        }
        return (Map<String, Object>) plain();
    }
}
