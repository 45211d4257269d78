package dev.sky.core.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid name closest to a misspelt one, by edit distance (with adjacent swaps counted as one edit). */
final class Suggest {
    private Suggest() {}

    /** The nearest of {@code valid} to {@code given}, if it is close enough to be what the user meant. */
    static Optional<String> nearest(String given, Collection<String> valid) {
        if (given.length() > 64) {
            return Optional.empty();
        }
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(g, v.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.min(3, Math.max(1, best.length() / 4));
        boolean close = bestDistance <= allowed && bestDistance < Math.max(2, given.length() / 2 + 1);
        return close ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or "; valid keys: a, b, c". */
    static String hint(String given, Collection<String> valid, String noun) {
        return nearest(given, valid).map(s -> "; did you mean '" + s + "'?")
                .orElse("; valid " + noun + ": " + String.join(", ", valid));
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
