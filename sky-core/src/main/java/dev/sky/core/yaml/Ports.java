package dev.sky.core.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Port specs ({@code 8080}, {@code "10000-10010"}) simplified into sorted, merged ranges, as SkyPilot does. */
public final class Ports {
    private static final Pattern SPEC = Pattern.compile("\\s*([0-9]{1,5})\\s*(?:-\\s*([0-9]{1,5})\\s*)?");

    private Ports() {}

    /** Merges the specs into the shortest sorted list of ports and ranges; an empty input gives an empty list. */
    public static List<String> simplify(List<String> specs) {
        List<int[]> ranges = new ArrayList<>();
        for (String s : specs) {
            ranges.add(range(s));
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        List<String> out = new ArrayList<>();
        for (int[] r : merged) {
            out.add(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
        }
        return out;
    }

    /** {@code [from, to]} of one spec. */
    static int[] range(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a port (8080) or a range (10000-10010), got '" + spec + "'");
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("ports must be between 1 and 65535 and ranges go low-high, got '"
                    + spec + "'");
        }
        return new int[] {from, to};
    }
}
