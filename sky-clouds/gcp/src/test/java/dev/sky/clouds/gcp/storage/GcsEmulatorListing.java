package dev.sky.clouds.gcp.storage;

import com.sun.net.httpserver.HttpExchange;
import dev.sky.clouds.gcp.storage.GcsEmulatorHttp.Failure;
import dev.sky.clouds.gcp.storage.GcsEmulatorState.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/** Object listings (prefix, delimiter, pages) and media downloads (with Range) of the GCS emulator. */
final class GcsEmulatorListing {
    private GcsEmulatorListing() {}

    static Map<String, Object> page(NavigableMap<String, StoredObject> all, Map<String, String> q, int pageSize,
                                    String baseUrl) {
        String prefix = q.getOrDefault("prefix", "");
        String delimiter = q.get("delimiter");
        int max = pageSize;
        if (q.containsKey("maxResults")) {
            try {
                max = Math.min(pageSize, Integer.parseInt(q.get("maxResults")));
            } catch (NumberFormatException e) {
                throw new Failure(400, "invalid", "Invalid value for maxResults: " + q.get("maxResults"));
            }
            if (max <= 0) {
                throw new Failure(400, "invalid", "Invalid value for maxResults: " + q.get("maxResults"));
            }
        }
        String after = null;
        if (q.get("pageToken") != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(q.get("pageToken")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "invalid", "Invalid page token.");
            }
        }
        NavigableMap<String, StoredObject> view = after == null ? all.tailMap(prefix, true) : all.tailMap(after, false);
        List<Object> items = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        boolean more = false;
        for (StoredObject o : view.values()) {
            if (!o.name().startsWith(prefix)) {
                break;
            }
            if (items.size() + prefixes.size() >= max) {
                more = true;
                break;
            }
            last = o.name();
            int cut = delimiter == null || delimiter.isEmpty() ? -1 : o.name().indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                prefixes.add(o.name().substring(0, cut + delimiter.length()));
            } else {
                items.add(GcsEmulatorState.render(o, baseUrl));
            }
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("kind", "storage#objects");
        if (more && last != null) {
            page.put("nextPageToken", Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        if (!prefixes.isEmpty()) {
            page.put("prefixes", new ArrayList<>(prefixes));
        }
        if (!items.isEmpty()) {
            page.put("items", items);
        }
        return page;
    }

    static void sendMedia(HttpExchange ex, StoredObject o) throws IOException {
        byte[] data = o.data();
        int from = 0;
        int to = data.length - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && data.length > 0) {
            String[] r = range.substring(6).split("-", -1);
            from = Integer.parseInt(r[0]);
            if (r.length > 1 && !r[1].isEmpty()) {
                to = Math.min(to, Integer.parseInt(r[1]));
            }
            if (from > to) {
                throw new Failure(416, "requestedRangeNotSatisfiable", "Request range not satisfiable");
            }
            status = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
        }
        ex.getResponseHeaders().set("Content-Type", o.contentType());
        ex.getResponseHeaders().set("x-goog-hash", "crc32c=" + o.crc32c() + ",md5=" + o.md5());
        ex.getResponseHeaders().set("x-goog-generation", Long.toString(o.generation()));
        ex.getResponseHeaders().set("x-goog-metageneration", "1");
        ex.getResponseHeaders().set("x-goog-stored-content-length", Integer.toString(data.length));
        ex.getResponseHeaders().set("x-goog-stored-content-encoding", "identity");
        int length = data.length == 0 ? 0 : to - from + 1;
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(data, from, length);
            }
        }
    }
}
