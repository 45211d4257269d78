package dev.sky.core.yaml;

import dev.sky.core.task.Autostop;
import dev.sky.core.task.JobRecovery;
import dev.sky.core.task.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The resource fields with more than one accepted form: ports, image_id, autostop, job_recovery and friends. */
final class ResourceFields {
    static final List<String> DISK_TIERS = List.of("low", "medium", "high", "ultra", "best");
    static final List<String> NETWORK_TIERS = List.of("standard", "best");
    static final List<String> WAIT_FOR = List.of("jobs_and_ssh", "jobs", "none");

    private ResourceFields() {}

    /** {@code ports}: an int, a string (port or range), a list of them, or null; simplified into ranges. */
    static List<String> ports(YNode n) {
        if (n.isNull()) {
            return List.of();
        }
        List<String> specs = new ArrayList<>();
        for (YNode item : n.isList() ? n.list() : List.of(n)) {
            if (!item.isInt() && !item.isString()) {
                throw item.expected("a port (8080), a range ('10000-10010') or a list of them");
            }
            specs.add(item.raw());
        }
        try {
            return Ports.simplify(specs);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    /** {@code image_id}: a string (any region), a {region: image} mapping, or null. */
    static Map<String, String> imageId(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        if (n.isString()) {
            return Map.of(Resources.ANY_REGION, nonBlank(n));
        }
        if (n.isMap()) {
            Map<String, String> out = new LinkedHashMap<>();
            n.map().forEach((region, image) -> out.put(region, nonBlank(image)));
            return out;
        }
        throw n.expected("an image id (a string, e.g. docker:ubuntu:22.04) or a mapping of region to image id");
    }

    private static String nonBlank(YNode n) {
        String s = n.string();
        if (s.isBlank()) {
            throw n.error("expected an image id, found an empty string");
        }
        return s.strip();
    }

    /** {@code autostop}: a bool, minutes, a duration ({@code 2h}), or {idle_minutes, down, wait_for, ...}. */
    static Autostop autostop(YNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isBool() || n.isString() && isYesNo(n.raw())) {
            return n.bool() ? new Autostop(0, false, Autostop.DEFAULT_WAIT_FOR) : Autostop.DISABLED;
        }
        if (n.isInt()) {
            int minutes = n.intValue();
            return minutes < 0 ? Autostop.DISABLED : new Autostop(minutes, false, Autostop.DEFAULT_WAIT_FOR);
        }
        if (n.isString()) {
            return new Autostop(minutes(n), false, Autostop.DEFAULT_WAIT_FOR);
        }
        if (!n.isMap()) {
            throw n.expected("true/false, minutes, a duration such as '2h', or a mapping with idle_minutes");
        }
        Map<String, YNode> m = n.map();
        Keys.check(m, Keys.AUTOSTOP);
        int idle = 0;
        boolean down = false;
        String waitFor = Autostop.DEFAULT_WAIT_FOR;
        if (m.containsKey("idle_minutes") && !m.get("idle_minutes").isNull()) {
            YNode v = m.get("idle_minutes");
            idle = v.isString() ? minutes(v) : v.intValue();
            if (idle < 0) {
                throw v.error("expected 0 or more minutes, found " + idle);
            }
        }
        if (m.containsKey("down") && !m.get("down").isNull()) {
            down = m.get("down").bool();
        }
        if (m.containsKey("wait_for") && !m.get("wait_for").isNull()) {
            waitFor = oneOf(m.get("wait_for"), WAIT_FOR);
        }
        for (String hookKey : List.of("hook", "hook_timeout")) {
            if (m.containsKey(hookKey)) {
                n.ctx().warn(m.get(hookKey), "autostop hooks are not supported yet; ignored");
            }
        }
        return new Autostop(idle, down, waitFor);
    }

    private static boolean isYesNo(String s) {
        return List.of("yes", "no", "on", "off").contains(s.toLowerCase(Locale.ROOT));
    }

    private static int minutes(YNode n) {
        try {
            return Quantities.minutes(n.string());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    /**
     * {@code job_recovery}: a strategy name ({@code none} disables recovery, giving null) or a mapping. Keys of the
     * mapping that SkyPilot plugins define are carried; a key that looks like a typo of a known one is rejected.
     */
    static JobRecovery jobRecovery(YNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isString()) {
            String s = n.string().strip();
            return s.equalsIgnoreCase("none") ? null
                    : new JobRecovery(s.toUpperCase(Locale.ROOT), 0, List.of());
        }
        if (!n.isMap()) {
            throw n.expected("a strategy name (e.g. FAILOVER) or a mapping with strategy, max_restarts_on_errors,"
                    + " recover_on_exit_codes");
        }
        String strategy = null;
        int maxRestarts = 0;
        List<Integer> codes = new ArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : n.map().entrySet()) {
            YNode v = e.getValue();
            switch (e.getKey()) {
                case "strategy" -> strategy = v.isNull() ? null : v.string().strip().toUpperCase(Locale.ROOT);
                case "max_restarts_on_errors" -> {
                    maxRestarts = v.isNull() ? 0 : v.intValue();
                    if (maxRestarts < 0) {
                        throw v.error("expected 0 or more restarts, found " + maxRestarts);
                    }
                }
                case "recover_on_exit_codes" -> codes = exitCodes(v);
                default -> {
                    var near = Suggest.nearest(e.getKey(), Keys.JOB_RECOVERY);
                    if (near.isPresent()) {
                        throw v.keyError("unknown key; did you mean '" + near.get() + "'?");
                    }
                    n.ctx().warn(v, "not a key sky knows; carried to the jobs controller as a strategy option");
                    options.put(e.getKey(), v.plain());
                }
            }
        }
        if ("NONE".equals(strategy)) {
            return null;
        }
        return new JobRecovery(strategy, maxRestarts, codes, options);
    }

    private static List<Integer> exitCodes(YNode v) {
        if (v.isNull()) {
            return List.of();
        }
        List<Integer> codes = new ArrayList<>();
        for (YNode c : v.isList() ? v.list() : List.of(v)) {
            int code = c.intValue();
            if (code < 0 || code > 255) {
                throw c.error("exit codes are 0 to 255, found " + code);
            }
            if (codes.contains(code)) {
                throw c.error("exit code " + code + " is listed twice");
            }
            codes.add(code);
        }
        return codes;
    }

    /** {@code accelerator_args}: TPU settings, checked for known keys and types. */
    static Map<String, Object> acceleratorArgs(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        Map<String, YNode> m = n.map();
        Keys.check(m, Keys.ACCELERATOR_ARGS);
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!v.isNull()) {
                out.put(k, k.equals("tpu_vm") || k.equals("gcp_queued_resource") ? (Object) v.bool() : v.string());
            }
        });
        return out;
    }

    /** {@code labels}: a mapping of string to string; scalar values are taken as text. */
    static Map<String, String> labels(YNode n) {
        if (n.isNull()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.map().forEach((k, v) -> out.put(k, v.scalarText()));
        return out;
    }

    /** {@code resources.volumes}: a list of {path, name, ...} mappings, checked and carried as written. */
    static List<Object> volumes(YNode n) {
        List<Object> out = new ArrayList<>();
        for (YNode item : n.list()) {
            Map<String, YNode> m = item.map();
            Keys.check(m, Keys.RESOURCE_VOLUME);
            if (!m.containsKey("path") || m.get("path").isNull()) {
                throw item.error("a volume needs a 'path'");
            }
            m.get("path").string();
            out.add(item.plain());
        }
        return out;
    }

    /** A case-insensitive choice, returned lower-cased; a near miss gets a suggestion. */
    static String oneOf(YNode n, List<String> valid) {
        String s = n.string().strip().toLowerCase(Locale.ROOT);
        if (!valid.contains(s)) {
            throw n.error("'" + n.raw() + "' is not one of " + String.join(", ", valid)
                    + Suggest.nearest(s, valid).map(x -> "; did you mean '" + x + "'?").orElse(""));
        }
        return s;
    }
}
