package dev.sky.provision.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paths of a synced tree, keyed by relative path. Serialized one entry per line after a header line that names
 * the sync generation: {@code sky-sync 1 <generation>}. The same text is kept on the node and locally, so an
 * unchanged header proves the local copy describes the node.
 */
public final class Manifest {
    static final String MAGIC = "sky-sync 1 ";

    private final String generation;
    private final Map<String, ManifestEntry> entries;

    public Manifest(String generation, Map<String, ManifestEntry> entries) {
        this.generation = generation;
        TreeMap<String, ManifestEntry> sorted = new TreeMap<>(Manifest::comparePaths);
        sorted.putAll(entries);
        this.entries = Collections.unmodifiableMap(sorted);
    }

    public static Manifest empty() {
        return new Manifest("none", Map.of());
    }

    public String generation() {
        return generation;
    }

    public String header() {
        return MAGIC + generation;
    }

    public Map<String, ManifestEntry> entries() {
        return entries;
    }

    public Manifest withGeneration(String newGeneration) {
        return new Manifest(newGeneration, entries);
    }

    /** What to send and what to remove so that a node holding {@code old} ends up holding this. */
    public SyncDiff diffFrom(Manifest old) {
        List<ManifestEntry> send = new ArrayList<>();
        for (ManifestEntry now : entries.values()) {
            ManifestEntry before = old.entries.get(now.path());
            if (before == null || now.differsFrom(before)) {
                send.add(now);
            }
        }
        List<String> remove = new ArrayList<>();
        String removedDir = null;
        for (ManifestEntry before : old.entries.values()) {
            // Entries are in path order, so a folder's contents follow it: removing the folder removes them.
            if (removedDir != null && before.path().startsWith(removedDir)) {
                continue;
            }
            removedDir = null;
            ManifestEntry now = entries.get(before.path());
            // tar cannot put a file where a folder is, or the reverse: a path that changed kind goes first.
            if (now == null || now.type() != before.type()) {
                remove.add(before.path());
                if (before.type() == ManifestEntry.Type.DIRECTORY) {
                    removedDir = before.path() + "/";
                }
            }
        }
        return new SyncDiff(send, remove);
    }

    public String serialize() {
        StringBuilder out = new StringBuilder(64 + entries.size() * 64);
        out.append(header()).append('\n');
        for (ManifestEntry e : entries.values()) {
            out.append(e.type().code).append('\t').append(Integer.toOctalString(e.mode())).append('\t').append(e.size())
                    .append('\t').append(e.mtimeNanos()).append('\t').append(escape(e.path()));
            if (e.linkTarget() != null) {
                out.append('\t').append(escape(e.linkTarget()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public byte[] toBytes() {
        return serialize().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@link #serialize()} output; anything malformed yields null (the caller then sends everything). */
    public static Manifest parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith(MAGIC)) {
            return null;
        }
        Map<String, ManifestEntry> entries = new HashMap<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                if (f.length < 5 || f[0].length() != 1) {
                    return null;
                }
                String path = unescape(f[4]);
                entries.put(path, new ManifestEntry(path, ManifestEntry.Type.of(f[0].charAt(0)), Integer.parseInt(f[1], 8),
                        Long.parseLong(f[2]), Long.parseLong(f[3]), f.length > 5 ? unescape(f[5]) : null));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new Manifest(lines[0].substring(MAGIC.length()), entries);
    }

    public int size() {
        return entries.size();
    }

    public Collection<ManifestEntry> values() {
        return entries.values();
    }

    /** Path order in which a folder's contents directly follow it: '/' sorts before every other character. */
    static int comparePaths(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return (x == '/' ? 0 : x + 1) - (y == '/' ? 0 : y + 1);
            }
        }
        return a.length() - b.length();
    }

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
