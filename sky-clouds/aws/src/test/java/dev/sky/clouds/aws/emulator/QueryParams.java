package dev.sky.clouds.aws.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters of one Query API request, or the part of them under a prefix ({@code TagSpecification.1.}):
 * EC2 flattens lists as {@code Name.1}, {@code Name.2} and structures as {@code Name.Member}.
 */
final class QueryParams {
    private final Map<String, String> all;
    private final String prefix;

    private QueryParams(Map<String, String> all, String prefix) {
        this.all = all;
        this.prefix = prefix;
    }

    static QueryParams parse(String formBody) {
        Map<String, String> map = new TreeMap<>();
        for (String pair : formBody.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return new QueryParams(Collections.unmodifiableMap(map), "");
    }

    String get(String name) {
        return all.get(prefix + name);
    }

    String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    String required(String name) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            throw Ec2Error.missing(prefix + name);
        }
        return v;
    }

    int requiredInt(String name) {
        return parseInt(name, required(name));
    }

    int getInt(String name, int fallback) {
        String v = get(name);
        return v == null ? fallback : parseInt(name, v);
    }

    boolean getBoolean(String name, boolean fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw Ec2Error.invalid("Invalid value '" + v + "' for " + prefix + name + ": expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw Ec2Error.invalid("Invalid value '" + v + "' for " + prefix + name + ": not an integer");
        }
    }

    /** The values of {@code name.1}, {@code name.2}, ... in index order. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i : indexes(name)) {
            String v = get(name + "." + i);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The structures {@code name.1.*}, {@code name.2.*}, ... in index order. */
    List<QueryParams> structs(String name) {
        List<QueryParams> out = new ArrayList<>();
        for (int i : indexes(name)) {
            out.add(struct(name + "." + i));
        }
        return out;
    }

    /** The members of structure {@code name.*}. */
    QueryParams struct(String name) {
        return new QueryParams(all, prefix + name + ".");
    }

    boolean present(String name) {
        String p = prefix + name;
        return all.keySet().stream().anyMatch(k -> k.equals(p) || k.startsWith(p + "."));
    }

    private Set<Integer> indexes(String name) {
        String p = prefix + name + ".";
        Set<Integer> idx = new TreeSet<>();
        for (String k : all.keySet()) {
            if (k.startsWith(p)) {
                String rest = k.substring(p.length());
                int dot = rest.indexOf('.');
                String n = dot < 0 ? rest : rest.substring(0, dot);
                try {
                    idx.add(Integer.parseInt(n));
                } catch (NumberFormatException e) {
                    throw Ec2Error.invalid("Invalid parameter name " + k);
                }
            }
        }
        return idx;
    }

    /** Every parameter, for the calls log and the ClientToken comparison. */
    Map<String, String> asMap() {
        return all;
    }
}
