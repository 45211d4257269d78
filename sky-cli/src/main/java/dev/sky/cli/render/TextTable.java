package dev.sky.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A left-aligned text table. Framed tables (the optimizer's) have dashed lines above and below the header and at the
 * end, as SkyPilot prints them; unframed ones (show-gpus, check) are bare columns. Styling is applied after padding so
 * that escape codes never shift the columns.
 */
public final class TextTable {
    private static final String GAP = "   ";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> bold = new ArrayList<>();
    private final boolean framed;

    private TextTable(List<String> header, boolean framed) {
        this.header = List.copyOf(header);
        this.framed = framed;
    }

    public static TextTable framed(String... header) {
        return new TextTable(List.of(header), true);
    }

    public static TextTable bare(String... header) {
        return new TextTable(List.of(header), false);
    }

    public TextTable row(List<String> cells) {
        return row(cells, false);
    }

    /** Adds a row; {@code emphasize} prints it bold on a terminal. */
    public TextTable row(List<String> cells, boolean emphasize) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + header.size());
        }
        rows.add(List.copyOf(cells));
        bold.add(emphasize);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines ending in a newline. */
    public String render(Style style) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        String headerLine = line(header, width);
        String rule = "-".repeat(headerLine.length() + 1);
        StringBuilder b = new StringBuilder();
        if (framed) {
            b.append(rule).append('\n');
        }
        b.append(style.bold(headerLine)).append('\n');
        if (framed) {
            b.append(rule).append('\n');
        }
        for (int i = 0; i < rows.size(); i++) {
            String l = line(rows.get(i), width);
            b.append(bold.get(i) ? style.bold(l) : l).append('\n');
        }
        if (framed) {
            b.append(rule).append('\n');
        }
        return b.toString();
    }

    private String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder(framed ? " " : "");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            b.append(cell);
            if (c < cells.size() - 1) {
                b.append(" ".repeat(width[c] - cell.length())).append(GAP);
            }
        }
        return stripTrailing(b);
    }

    private static String stripTrailing(StringBuilder b) {
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }
}
