package dev.sky.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid key closest to a misspelt one, for "did you mean" hints. */
public final class NearestKey {
    private NearestKey() {}

    /** The candidate within a small edit distance of {@code wrong}, if any (case-insensitive). */
    public static Optional<String> of(String wrong, Collection<String> candidates) {
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // Allow roughly one edit per three characters, so "zzz" does not suggest "aws".
        int allowed = Math.max(1, w.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** " Did you mean 'x'?" or the empty string. */
    public static String hint(String wrong, Collection<String> candidates) {
        return of(wrong, candidates).map(k -> " Did you mean '" + k + "'?").orElse("");
    }

    /** Edit distance where swapping two neighbouring letters counts as one edit ("gpc" is one from "gcp"). */
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
