package dev.sky.clouds.gcp.storage;

import com.sun.net.httpserver.HttpExchange;
import dev.sky.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request and response plumbing of the GCS emulator: query strings, JSON errors in GCS's shape, multipart bodies. */
final class GcsEmulatorHttp {
    private GcsEmulatorHttp() {}

    /** A failure answered with GCS's JSON error body: {"error":{"code","message","errors":[{reason,...}]}}. */
    static final class Failure extends RuntimeException {
        final int status;
        final String reason;

        Failure(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    /** Parameters every JSON API method takes (system parameters). */
    static final Set<String> SYSTEM_PARAMS = Set.of("alt", "fields", "key", "oauth_token", "prettyPrint",
            "quotaUser", "userIp", "userProject", "$.xgafv", "callback", "access_token", "upload_protocol");

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            q.put(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return q;
    }

    static Map<String, String> form(byte[] body) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                f.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return f;
    }

    /** Strict like GCS: a parameter the method does not define is a 400. */
    static void allowOnly(Map<String, String> query, Set<String> methodParams) {
        for (String k : query.keySet()) {
            if (!methodParams.contains(k) && !SYSTEM_PARAMS.contains(k)) {
                throw new Failure(400, "invalidParameter", "Invalid argument: unknown parameter '" + k + "'.");
            }
        }
        String alt = query.get("alt");
        if (alt != null && !alt.equals("json") && !alt.equals("media")) {
            throw new Failure(400, "invalidParameter", "Invalid value for parameter 'alt': " + alt);
        }
    }

    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendEmpty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    static void sendError(HttpExchange ex, Failure f) throws IOException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("message", f.getMessage());
        item.put("domain", "global");
        item.put("reason", f.reason);
        if (f.status == 401) {
            item.put("locationType", "header");
            item.put("location", "Authorization");
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", f.status);
        error.put("message", f.getMessage());
        error.put("errors", List.of(item));
        sendJson(ex, f.status, Map.of("error", error));
    }

    /** One part of a multipart/related body. */
    record Part(String contentType, byte[] body) {}

    static List<Part> multipart(String contentType, byte[] body) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.startsWith("boundary=")) {
                boundary = t.substring(9).replace("\"", "");
            }
        }
        if (boundary == null || !contentType.startsWith("multipart/related")) {
            throw new Failure(400, "badRequest", "Multipart upload needs Content-Type multipart/related with a boundary.");
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delim, 0);
        while (at >= 0) {
            int start = at + delim.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new Failure(400, "badRequest", "Malformed multipart body.");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            String type = "application/octet-stream";
            for (String h : headers.split("\r\n")) {
                if (h.toLowerCase().startsWith("content-type:")) {
                    type = h.substring(13).strip();
                }
            }
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            parts.add(new Part(type, content));
            at = next + 2;
        }
        if (parts.size() != 2) {
            throw new Failure(400, "badRequest", "Multipart upload needs exactly two parts (metadata, media).");
        }
        return parts;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
