package dev.sky.provision.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the machine-readable output of {@code sky-rt} subcommands to records. Formats: docs/runtime.md. */
public final class RuntimeOutputToRecords {
    private RuntimeOutputToRecords() {}

    static final String QUEUE_HEADER = "#sky-rt-queue 1";
    private static final int QUEUE_FIELDS = 12;

    /** {@code sky-rt queue}: a header line, then one tab-separated line per job. */
    public static List<JobRecord> queue(String output) {
        List<String> lines = output.lines().filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(QUEUE_HEADER + "\t")) {
            throw new IllegalArgumentException("not sky-rt queue output (expected header '" + QUEUE_HEADER
                    + "'): " + (lines.isEmpty() ? "<empty>" : abbreviate(lines.get(0))));
        }
        List<JobRecord> jobs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != QUEUE_FIELDS) {
                throw new IllegalArgumentException("queue line has " + f.length + " fields, expected "
                        + QUEUE_FIELDS + ": " + abbreviate(line));
            }
            jobs.add(new JobRecord(Long.parseLong(f[0]), orNull(f[1]), orNull(f[2]), orNull(f[3]),
                    JobStatus.parse(f[4]), instant(f[5]), instant(f[6]), instant(f[7]), Integer.parseInt(f[8]),
                    orNull(f[9]), exitCodes(f[10].equals("-") ? "" : f[10]), orNull(f[11])));
        }
        return jobs;
    }

    /** {@code sky-rt exit-codes}: codes separated by spaces (or commas, as in the queue); empty when none. */
    public static List<Integer> exitCodes(String output) {
        List<Integer> codes = new ArrayList<>();
        for (String word : output.strip().split("[ ,]+")) {
            if (!word.isEmpty()) {
                codes.add(Integer.parseInt(word));
            }
        }
        return codes;
    }

    /** {@code sky-rt cancel}: {@code ID<TAB>STATUS} per job; NOT_FOUND maps to null. */
    public static Map<Long, JobStatus> cancel(String output) {
        Map<Long, JobStatus> result = new LinkedHashMap<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.split("\t");
            if (f.length != 2) {
                throw new IllegalArgumentException("not sky-rt cancel output: " + abbreviate(line));
            }
            result.put(Long.parseLong(f[0]), f[1].equals("NOT_FOUND") ? null : JobStatus.parse(f[1]));
        }
        return result;
    }

    /** {@code sky-rt autostop show}: {@code key=value} lines. */
    public static AutostopState autostop(String output) {
        Map<String, String> kv = new HashMap<>();
        output.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        });
        for (String key : List.of("idle_minutes", "down", "wait_for", "watchdog", "hook_ran", "polls",
                "idle_seconds")) {
            if (!kv.containsKey(key)) {
                throw new IllegalArgumentException("sky-rt autostop show output lacks '" + key + "'");
            }
        }
        return new AutostopState(Integer.parseInt(kv.get("idle_minutes")), kv.get("down").equals("1"),
                kv.get("wait_for"), kv.get("watchdog").equals("running"), kv.get("hook_ran").equals("1"),
                Long.parseLong(kv.get("polls")), Long.parseLong(kv.get("idle_seconds")));
    }

    private static String orNull(String field) {
        return field.equals("-") ? null : field;
    }

    private static Instant instant(String field) {
        return field.equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(field));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
