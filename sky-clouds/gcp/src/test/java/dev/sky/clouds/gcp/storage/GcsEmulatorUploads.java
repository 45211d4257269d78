package dev.sky.clouds.gcp.storage;

import com.sun.net.httpserver.HttpExchange;
import dev.sky.clouds.gcp.storage.GcsEmulatorAuth.Principal;
import dev.sky.clouds.gcp.storage.GcsEmulatorHttp.Failure;
import dev.sky.clouds.gcp.storage.GcsEmulatorState.StoredObject;
import dev.sky.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Object inserts of the GCS emulator: {@code uploadType=media}, {@code multipart} and {@code resumable} sessions. */
final class GcsEmulatorUploads {
    private record Session(String bucket, String name, String contentType, Map<String, Object> claimed,
                           Map<String, String> query, ByteArrayOutputStream received, String project) {}

    private final GcsEmulatorState state;
    private final Supplier<String> baseUrl;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    GcsEmulatorUploads(GcsEmulatorState state, Supplier<String> baseUrl) {
        this.state = state;
        this.baseUrl = baseUrl;
    }

    void handle(HttpExchange ex, String bucket, Map<String, String> q, byte[] body, Principal p) throws IOException {
        String uploadId = q.get("upload_id");
        if (uploadId != null) {
            chunk(ex, uploadId, body, p);
            return;
        }
        if (!ex.getRequestMethod().equals("POST")) {
            throw new Failure(404, "notFound", "Not Found");
        }
        String type = q.get("uploadType");
        if (type == null) {
            throw new Failure(400, "required", "Upload requests must include an uploadType URL parameter and a URL"
                    + " path beginning with /upload/");
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        switch (type) {
            case "media" -> {
                if (q.get("name") == null) {
                    throw new Failure(400, "required", "Required parameter: name");
                }
                finish(ex, q, bucket, q.get("name"), body, contentType, null);
            }
            case "multipart" -> {
                List<GcsEmulatorHttp.Part> parts = GcsEmulatorHttp.multipart(contentType == null ? "" : contentType, body);
                Map<String, Object> meta = Json.parseObject(new String(parts.get(0).body(), StandardCharsets.UTF_8));
                String name = meta.get("name") instanceof String n ? n : q.get("name");
                String type2 = meta.get("contentType") instanceof String t ? t : parts.get(1).contentType();
                finish(ex, q, bucket, name, parts.get(1).body(), type2, meta);
            }
            case "resumable" -> {
                Map<String, Object> meta = body.length == 0 ? Map.of()
                        : Json.parseObject(new String(body, StandardCharsets.UTF_8));
                String name = meta.get("name") instanceof String n ? n : q.get("name");
                if (name == null || name.isEmpty()) {
                    throw new Failure(400, "required", "Required: object name");
                }
                String declared = ex.getRequestHeaders().getFirst("X-Upload-Content-Type");
                String ct = meta.get("contentType") instanceof String t ? t : declared;
                String id = UUID.randomUUID().toString().replace("-", "");
                sessions.put(id, new Session(bucket, name, ct, meta, Map.copyOf(q), new ByteArrayOutputStream(),
                        p.project()));
                ex.getResponseHeaders().set("Location", baseUrl.get() + "/upload/storage/v1/b/" + bucket
                        + "/o?uploadType=resumable&upload_id=" + id);
                ex.getResponseHeaders().set("X-GUploader-UploadID", id);
                GcsEmulatorHttp.sendEmpty(ex, 200);
            }
            default -> throw new Failure(400, "invalidParameter", "Invalid upload type: " + type);
        }
    }

    /** One PUT of a resumable session: {@code Content-Range: bytes a-b/total}, {@code bytes a-b/*} or {@code bytes *}{@code /total}. */
    private void chunk(HttpExchange ex, String id, byte[] body, Principal p) throws IOException {
        Session s = sessions.get(id);
        if (s == null || !s.project().equals(p.project())) {
            throw new Failure(404, "notFound", "No such upload session.");
        }
        String range = ex.getRequestHeaders().getFirst("Content-Range");
        long total = -1;
        long start = 0;
        if (range != null) {
            if (!range.startsWith("bytes ")) {
                throw new Failure(400, "invalid", "Invalid Content-Range: " + range);
            }
            String[] r = range.substring(6).split("/");
            total = r.length == 2 && !r[1].equals("*") ? Long.parseLong(r[1]) : -1;
            if (!r[0].equals("*")) {
                start = Long.parseLong(r[0].split("-")[0]);
            } else if (body.length > 0) {
                throw new Failure(400, "invalid", "Content-Range '*' with a body.");
            }
        } else {
            total = body.length;
        }
        synchronized (s) {
            long have = s.received().size();
            if (range != null && !range.startsWith("bytes */") && start > have) {
                throw new Failure(400, "invalid", "Invalid request. The chunk starts at " + start + " but " + have
                        + " bytes were received.");
            }
            int skip = (int) Math.max(0, have - start);
            if (skip < body.length) {
                s.received().write(body, skip, body.length - skip);
            }
            long now = s.received().size();
            if (total >= 0 && now == total) {
                sessions.remove(id);
                finish(ex, s.query(), s.bucket(), s.name(), s.received().toByteArray(), s.contentType(), s.claimed());
                return;
            }
            if (total >= 0 && now > total) {
                throw new Failure(400, "invalid", "More bytes than the declared size " + total + ".");
            }
            if (now > 0) {
                ex.getResponseHeaders().set("Range", "bytes=0-" + (now - 1));
            }
            ex.getResponseHeaders().set("X-GUploader-UploadID", id);
            GcsEmulatorHttp.sendEmpty(ex, 308);
        }
    }

    private void finish(HttpExchange ex, Map<String, String> q, String bucket, String name, byte[] data,
                        String contentType, Map<String, Object> claimed) throws IOException {
        String match = q.get("ifGenerationMatch");
        if (match != null) {
            StoredObject existing = state.bucket(bucket).objects().get(name);
            long current = existing == null ? 0 : existing.generation();
            if (Long.parseLong(match) != current) {
                throw new Failure(412, "conditionNotMet", "At least one of the pre-conditions you specified did not"
                        + " hold.");
            }
        }
        StoredObject o = state.put(bucket, name, data, contentType, claimed);
        GcsEmulatorHttp.sendJson(ex, 200, GcsEmulatorState.render(o, baseUrl.get()));
    }

    static void checkGeneration(Map<String, String> q, StoredObject o) {
        for (String k : List.of("generation", "ifGenerationMatch")) {
            String v = q.get(k);
            if (v != null && Long.parseLong(v) != o.generation()) {
                if (k.equals("generation")) {
                    throw new Failure(404, "notFound", "No such object: " + o.bucket() + "/" + o.name());
                }
                throw new Failure(412, "conditionNotMet", "At least one of the pre-conditions you specified did not"
                        + " hold.");
            }
        }
    }
}
