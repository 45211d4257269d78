package dev.sky.provision.cluster.failover;

import java.util.ArrayList;
import java.util.List;

/** The table printed when every location failed: where each attempt went, what it blocked, and why it failed. */
public final class AttemptsTable {
    private AttemptsTable() {}

    public static List<String> lines(List<Attempt> attempts) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "LOCATION", "INSTANCE", "BLOCKED", "REASON"});
        int i = 1;
        for (Attempt a : attempts) {
            rows.add(new String[] {String.valueOf(i++), location(a), a.candidate().instanceType()
                    + (a.candidate().spot() ? " [spot]" : ""), a.blocked() == null ? "-" : a.blocked().describe(),
                    oneLine(a.reason())});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < 4; c++) {
                sb.append(String.format("%-" + width[c] + "s  ", r[c]));
            }
            out.add(sb.append(r[4]).toString());
        }
        return out;
    }

    /** {@code aws us-east-1 (us-east-1a)}, or {@code (all zones)} when the attempt covered the whole region. */
    public static String location(Attempt a) {
        return location(a.candidate().cloud(), a.candidate().region(), a.candidate().zone());
    }

    public static String location(String cloud, String region, String zone) {
        if (region == null) {
            return cloud;
        }
        return cloud + " " + region + " (" + (zone == null ? "all zones" : zone) + ")";
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }
}
