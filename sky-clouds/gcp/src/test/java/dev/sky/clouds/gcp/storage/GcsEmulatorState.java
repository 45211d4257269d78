package dev.sky.clouds.gcp.storage;

import dev.sky.clouds.gcp.storage.GcsEmulatorHttp.Failure;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/** The emulator's buckets and objects, in memory, rendered as GCS JSON resources. */
final class GcsEmulatorState {
    /** GCS naming rules for buckets without dots: 3-63 of a-z 0-9 - _, starting and ending with a letter or digit. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]");
    private static final AtomicLong GENERATION = new AtomicLong(1_700_000_000_000_000L);

    record Bucket(String name, String project, String location, Instant created, NavigableMap<String, StoredObject> objects) {}

    record StoredObject(String bucket, String name, byte[] data, String contentType, long generation, Instant updated,
                        Map<String, String> metadata) {
        String md5() {
            try {
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String crc32c() {
            CRC32C c = new CRC32C();
            c.update(data);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
        }
    }

    private final Map<String, Bucket> buckets = new TreeMap<>();

    synchronized Bucket createBucket(String name, String project, String location, boolean sameProjectIsConflict) {
        if (name == null || !BUCKET_NAME.matcher(name).matches() || name.startsWith("goog")) {
            throw new Failure(400, "invalid", "Invalid bucket name: '" + name + "'");
        }
        Bucket existing = buckets.get(name);
        if (existing != null) {
            throw new Failure(409, "conflict", existing.project().equals(project) && sameProjectIsConflict
                    ? "Your previous request to create the named bucket succeeded and you already own it."
                    : "The requested bucket name is not available. The bucket namespace is shared by all users of"
                            + " the system. Please select a different name and try again.");
        }
        Bucket b = new Bucket(name, project, location == null ? "US" : location.toUpperCase(), Instant.now(),
                new TreeMap<>());
        buckets.put(name, b);
        return b;
    }

    synchronized Bucket bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            throw new Failure(404, "notFound", "The specified bucket does not exist.");
        }
        return b;
    }

    synchronized boolean hasBucket(String name) {
        return buckets.containsKey(name);
    }

    synchronized Map<String, Bucket> bucketsOf(String project) {
        Map<String, Bucket> out = new TreeMap<>();
        buckets.values().stream().filter(b -> b.project().equals(project)).forEach(b -> out.put(b.name(), b));
        return out;
    }

    synchronized void deleteBucket(String name) {
        if (!bucket(name).objects().isEmpty()) {
            throw new Failure(409, "conflict", "The bucket you tried to delete is not empty.");
        }
        buckets.remove(name);
    }

    synchronized StoredObject put(String bucket, String name, byte[] data, String contentType,
                                  Map<String, Object> claimed) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.contains("\r") || name.contains("\n")) {
            throw new Failure(400, "invalid", "Object name is required and must be valid: '" + name + "'");
        }
        Bucket b = bucket(bucket);
        StoredObject o = new StoredObject(bucket, name, data, contentType == null ? "application/octet-stream"
                : contentType, GENERATION.incrementAndGet(), Instant.now(), Map.of());
        // The server checks the client's hashes, as GCS does.
        if (claimed != null && claimed.get("md5Hash") instanceof String md5 && !md5.equals(o.md5())) {
            throw new Failure(400, "invalid", "Provided MD5 hash \"" + md5 + "\" doesn't match calculated MD5 hash \""
                    + o.md5() + "\".");
        }
        if (claimed != null && claimed.get("crc32c") instanceof String crc && !crc.equals(o.crc32c())) {
            throw new Failure(400, "invalid", "Provided CRC32C \"" + crc + "\" doesn't match calculated CRC32C \""
                    + o.crc32c() + "\".");
        }
        b.objects().put(name, o);
        return o;
    }

    synchronized StoredObject object(String bucket, String name) {
        StoredObject o = bucket(bucket).objects().get(name);
        if (o == null) {
            throw new Failure(404, "notFound", "No such object: " + bucket + "/" + name);
        }
        return o;
    }

    synchronized void deleteObject(String bucket, String name) {
        if (bucket(bucket).objects().remove(name) == null) {
            throw new Failure(404, "notFound", "No such object: " + bucket + "/" + name);
        }
    }

    synchronized NavigableMap<String, StoredObject> objects(String bucket) {
        return new TreeMap<>(bucket(bucket).objects());
    }

    static Map<String, Object> render(Bucket b, String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "storage#bucket");
        m.put("selfLink", baseUrl + "/storage/v1/b/" + b.name());
        m.put("id", b.name());
        m.put("name", b.name());
        m.put("projectNumber", Integer.toString(Math.abs(b.project().hashCode())));
        m.put("metageneration", "1");
        m.put("location", b.location());
        m.put("storageClass", "STANDARD");
        m.put("etag", "CAE=");
        m.put("timeCreated", b.created().toString());
        m.put("updated", b.created().toString());
        m.put("locationType", "multi-region");
        return m;
    }

    static Map<String, Object> render(StoredObject o, String baseUrl) {
        String path = o.bucket() + "/o/" + java.net.URLEncoder.encode(o.name(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "storage#object");
        m.put("id", o.bucket() + "/" + o.name() + "/" + o.generation());
        m.put("selfLink", baseUrl + "/storage/v1/b/" + path);
        m.put("mediaLink", baseUrl + "/download/storage/v1/b/" + path + "?generation=" + o.generation() + "&alt=media");
        m.put("name", o.name());
        m.put("bucket", o.bucket());
        m.put("generation", Long.toString(o.generation()));
        m.put("metageneration", "1");
        m.put("contentType", o.contentType());
        m.put("storageClass", "STANDARD");
        m.put("size", Long.toString(o.data().length));
        m.put("md5Hash", o.md5());
        m.put("crc32c", o.crc32c());
        m.put("etag", "CL" + Long.toString(o.generation(), 36) + "=");
        m.put("timeCreated", o.updated().toString());
        m.put("updated", o.updated().toString());
        m.put("timeStorageClassUpdated", o.updated().toString());
        if (!o.metadata().isEmpty()) {
            m.put("metadata", o.metadata());
        }
        return m;
    }
}
