package dev.sky.optimizer.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-rolled CSV tokenizer over the bytes of a whole file. It allocates nothing per field: a record is a set of
 * byte ranges that callers turn into numbers or pooled strings. Quoted fields may hold commas, doubled quotes and
 * line breaks. Lines starting with {@code #} are comments, kept in {@link #comments()}; blank lines are skipped.
 * Every field knows its line and column, so errors can point at it.
 */
final class CsvScanner {
    private static final int INITIAL_FIELDS = 16;

    private final byte[] data;
    private final String source;
    private final List<String> comments = new ArrayList<>(2);
    private int pos;
    private int line = 1;
    private int lineStart;

    private int count;
    private int recordLine;
    private int[] starts = new int[INITIAL_FIELDS];
    private int[] ends = new int[INITIAL_FIELDS];
    private int[] lines = new int[INITIAL_FIELDS];
    private int[] columns = new int[INITIAL_FIELDS];
    /** Fields whose text differs from their bytes (doubled quotes), decoded once into scratch. */
    private boolean[] inScratch = new boolean[INITIAL_FIELDS];
    private byte[] scratch = new byte[0];
    private int scratchUsed;

    CsvScanner(byte[] data, String source) {
        this.data = data;
        this.source = source;
        if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
            pos = 3;
            lineStart = 3;
        }
    }

    String source() {
        return source;
    }

    /** Comment lines seen so far, without the leading {@code #}. */
    List<String> comments() {
        return comments;
    }

    /** Moves to the next record; false at the end of the data. */
    boolean next() {
        skipBlankAndCommentLines();
        if (pos >= data.length) {
            return false;
        }
        count = 0;
        scratchUsed = 0;
        recordLine = line;
        while (true) {
            int column = pos - lineStart + 1;
            int fieldLine = line;
            if (pos < data.length && data[pos] == '"') {
                readQuoted(fieldLine, column);
            } else {
                // Locals, not fields, in the hot loop: it runs once per byte, mostly before the JIT has compiled it.
                byte[] bytes = data;
                int start = pos;
                int p = start;
                while (p < bytes.length) {
                    byte b = bytes[p];
                    if (b == ',' || b == '\n' || b == '\r') {
                        break;
                    }
                    p++;
                }
                pos = p;
                add(start, p, fieldLine, column, false);
            }
            if (pos >= data.length) {
                return true;
            }
            byte b = data[pos];
            if (b == ',') {
                pos++;
                continue;
            }
            endLine();
            return true;
        }
    }

    int fieldCount() {
        return count;
    }

    int recordLine() {
        return recordLine;
    }

    int line(int field) {
        return lines[field];
    }

    int column(int field) {
        return columns[field];
    }

    boolean isEmpty(int field) {
        return starts[field] == ends[field];
    }

    byte[] bytes(int field) {
        return inScratch[field] ? scratch : data;
    }

    /** Whether {@link #bytes} of the field stay as they are after {@link #next}: false for the scratch buffer. */
    boolean stable(int field) {
        return !inScratch[field];
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    String text(int field) {
        return new String(bytes(field), starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    private void readQuoted(int fieldLine, int column) {
        byte[] bytes = data;
        int start = pos + 1;
        int p = start;
        boolean escaped = false;
        while (true) {
            if (p >= bytes.length) {
                throw new CatalogFormatException(fieldLine, column, "a quoted field is never closed");
            }
            byte b = bytes[p];
            if (b == '"') {
                if (p + 1 < bytes.length && bytes[p + 1] == '"') {
                    escaped = true;
                    p += 2;
                    continue;
                }
                break;
            }
            if (b == '\n') {
                line++;
                lineStart = p + 1;
            }
            p++;
        }
        int end = p;
        pos = p + 1;
        if (pos < data.length && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r') {
            throw new CatalogFormatException(line, pos - lineStart + 1,
                    "unexpected text after the closing quote of the field that starts at line " + fieldLine
                            + ", column " + column);
        }
        if (escaped) {
            addUnescaped(start, end, fieldLine, column);
        } else {
            add(start, end, fieldLine, column, false);
        }
    }

    private void addUnescaped(int start, int end, int fieldLine, int column) {
        if (scratch.length < scratchUsed + (end - start)) {
            byte[] grown = new byte[Math.max(scratch.length * 2, scratchUsed + (end - start) + 64)];
            System.arraycopy(scratch, 0, grown, 0, scratchUsed);
            scratch = grown;
        }
        int from = scratchUsed;
        for (int i = start; i < end; i++) {
            scratch[scratchUsed++] = data[i];
            if (data[i] == '"') {
                i++;
            }
        }
        add(from, scratchUsed, fieldLine, column, true);
    }

    private void add(int start, int end, int fieldLine, int column, boolean fromScratch) {
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            lines = Arrays.copyOf(lines, size);
            columns = Arrays.copyOf(columns, size);
            inScratch = Arrays.copyOf(inScratch, size);
        }
        starts[count] = start;
        ends[count] = end;
        lines[count] = fieldLine;
        columns[count] = column;
        inScratch[count] = fromScratch;
        count++;
    }

    private void skipBlankAndCommentLines() {
        while (pos < data.length) {
            byte b = data[pos];
            if (b == '\n' || b == '\r') {
                endLine();
            } else if (b == '#' && pos == lineStart) {
                int start = pos + 1;
                while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') {
                    pos++;
                }
                comments.add(new String(data, start, pos - start, StandardCharsets.UTF_8).trim());
                if (pos < data.length) {
                    endLine();
                }
            } else {
                return;
            }
        }
    }

    /** Consumes one line break ({@code \n}, {@code \r\n} or a lone {@code \r}). */
    private void endLine() {
        if (data[pos] == '\r' && pos + 1 < data.length && data[pos + 1] == '\n') {
            pos++;
        }
        pos++;
        line++;
        lineStart = pos;
    }
}
