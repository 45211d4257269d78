package dev.sky.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a bundled vms.csv on its own (no product code), so tests can check prices the CLI shows against the file.
 * Each row is a map from column name to its text.
 */
public final class CatalogOracle {
    private CatalogOracle() {}

    /** The repository root: system property {@code sky.repo} (set by the build), else the module's parent. */
    public static Path repo() {
        String p = System.getProperty("sky.repo");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    public static List<Map<String, String>> rows(String cloud) {
        Path csv = repo().resolve("catalogs").resolve(cloud).resolve("vms.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = null;
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = split(line);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < cells.size() ? cells.get(c) : "");
            }
            out.add(row);
        }
        return out;
    }

    /** A number cell, NaN when empty. */
    public static double num(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }
}
