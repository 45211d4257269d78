package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes the documents of a YAML text into nodes with marks (snakeyaml-engine's composer, never its constructor),
 * turning every parser failure into one {@code file:line:col: invalid YAML: ...} line.
 */
final class YamlDocuments {
    /** Aliases to lists or mappings allowed in one document: enough for real files, too few for an alias bomb. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** Code points allowed per document: a 10 MB task file fits; the file-size cap stops bigger ones first. */
    static final int CODE_POINT_LIMIT = 64 * 1024 * 1024;

    private YamlDocuments() {}

    static LoadSettings settings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                // Complex keys compose, so that the loader can reject them with a position.
                .setAllowNonScalarKeys(true)
                .setCodePointLimit(CODE_POINT_LIMIT)
                .setUseMarks(true)
                .build();
    }

    /** Every document's root node, in order; an empty document gives no node. */
    static List<Node> compose(String text, String label) {
        LoadSettings settings = settings(label);
        List<Node> docs = new ArrayList<>();
        try {
            for (Node n : new Compose(settings).composeAllFromString(text)) {
                docs.add(n);
            }
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String at = m == null ? "1:1" : (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw SkyException.invalidInput(label + ":" + at + ": invalid YAML: " + problem(e));
        } catch (ReaderException e) {
            throw SkyException.invalidInput(label + ":" + YamlText.lineColumn(text, e.getPosition())
                    + ": invalid YAML: the character U+" + String.format("%04X", e.getCodePoint())
                    + " is not allowed in YAML");
        } catch (YamlEngineException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("aliases")) {
                throw SkyException.invalidInput(label + ":" + locateExcessAlias(text, settings)
                        + ": invalid YAML: more than " + MAX_COLLECTION_ALIASES
                        + " aliases to lists or mappings (an alias bomb?); refusing to expand them");
            }
            if (msg.contains("exceeds the limit")) {
                throw SkyException.invalidInput(label + ":1:1: invalid YAML: a document is longer than "
                        + CODE_POINT_LIMIT + " characters");
            }
            throw SkyException.invalidInput(label + ":1:1: invalid YAML: " + printable(msg));
        }
        return docs;
    }

    /** The parser's own words, with its first letter lowered to read well after the prefix. */
    private static String problem(MarkedYamlEngineException e) {
        String p = e.getProblem() == null ? e.getContext() : e.getProblem();
        if (p == null || p.isBlank()) {
            return "cannot parse";
        }
        if (e.getContext() != null && e.getProblem() != null) {
            p = e.getContext() + ": " + p;
        }
        p = printable(p.strip());
        if (p.contains("while scanning an alias")) {
            p += "; a value starting with '*' is an alias: quote it, e.g. infra: '*'";
        }
        return p;
    }

    /** Keeps a message on one line: control characters are shown escaped. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Where the alias that went over the limit is: the composer's error carries no mark, the parser's events do. */
    private static String locateExcessAlias(String text, LoadSettings settings) {
        Set<String> collectionAnchors = new HashSet<>();
        int count = 0;
        try {
            for (Event ev : new Parse(settings).parseString(text)) {
                if (ev instanceof MappingStartEvent ms) {
                    ms.getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
                } else if (ev instanceof SequenceStartEvent ss) {
                    ss.getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
                } else if (ev instanceof AliasEvent alias && collectionAnchors.contains(alias.getAlias().getValue())
                        && ++count > MAX_COLLECTION_ALIASES) {
                    return alias.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("1:1");
                }
            }
        } catch (YamlEngineException ignored) {
            // The composer failed first; fall back to the document start.
        }
        return "1:1";
    }
}
