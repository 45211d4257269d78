package dev.sky.clouds.gcp.storage;

import static dev.sky.clouds.gcp.storage.GcsEmulatorHttp.allowOnly;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sky.clouds.gcp.storage.GcsEmulatorAuth.Principal;
import dev.sky.clouds.gcp.storage.GcsEmulatorHttp.Failure;
import dev.sky.clouds.gcp.storage.GcsEmulatorState.Bucket;
import dev.sky.clouds.gcp.storage.GcsEmulatorState.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks the Google Cloud Storage JSON API on 127.0.0.1, for the real SDK and for rclone:
 * buckets insert/get/delete/list, objects list (prefix, pagination)/get (metadata and {@code alt=media})/insert
 * (media, multipart and resumable uploads)/delete, with GCS's JSON error bodies. It is strict: an unknown path is a
 * 404 and an unknown parameter a 400. Callers authenticate with OAuth2 tokens it issues itself ({@code /token} for a
 * service account's signed JWT, {@code /v1/token} for STS exchange with a Credential Access Boundary), so tests reach
 * the SDK's real credential code and can prove a downscoped token reaches one bucket only.
 *
 * <p>Usage: {@code try (GcsEmulator gcs = GcsEmulator.start()) { Path key = gcs.writeServiceAccount(dir, "proj"); ... }}
 * with {@code endpoint()} as the storage host and {@code stsEndpoint()} as the STS token URL.
 */
public final class GcsEmulator implements AutoCloseable {
    private static final Set<String> BUCKET_LIST = Set.of("project", "maxResults", "pageToken", "prefix", "projection",
            "softDeleted", "returnPartialSuccess");
    private static final Set<String> BUCKET_INSERT = Set.of("project", "predefinedAcl", "predefinedDefaultObjectAcl",
            "projection", "enableObjectRetention");
    private static final Set<String> BUCKET_GET = Set.of("ifMetagenerationMatch", "ifMetagenerationNotMatch",
            "projection", "generation", "softDeleted");
    private static final Set<String> OBJECT_LIST = Set.of("delimiter", "endOffset", "includeTrailingDelimiter",
            "maxResults", "pageToken", "prefix", "projection", "startOffset", "versions", "matchGlob", "softDeleted",
            "includeFoldersAsPrefixes");
    private static final Set<String> OBJECT_GET = Set.of("generation", "ifGenerationMatch", "ifGenerationNotMatch",
            "ifMetagenerationMatch", "ifMetagenerationNotMatch", "projection", "softDeleted", "restoreToken");
    private static final Set<String> OBJECT_INSERT = Set.of("uploadType", "name", "contentEncoding", "ifGenerationMatch",
            "ifGenerationNotMatch", "ifMetagenerationMatch", "ifMetagenerationNotMatch", "kmsKeyName", "predefinedAcl",
            "projection", "upload_id");

    private final HttpServer server;
    private final ExecutorService executor;
    private final GcsEmulatorAuth auth = new GcsEmulatorAuth();
    private final GcsEmulatorState state = new GcsEmulatorState();
    private final GcsEmulatorUploads uploads;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private volatile int pageSize = 1000;

    private GcsEmulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.uploads = new GcsEmulatorUploads(state, this::endpoint);
    }

    public static GcsEmulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "gcs-emulator");
            t.setDaemon(true);
            return t;
        });
        GcsEmulator gcs = new GcsEmulator(server, executor);
        server.createContext("/", gcs::handle);
        server.setExecutor(executor);
        server.start();
        return gcs;
    }

    /** The storage host, as StorageOptions' host and rclone's endpoint: {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The STS token-exchange URL (GCS's is https://sts.googleapis.com/v1/token). */
    public String stsEndpoint() {
        return endpoint() + "/v1/token";
    }

    /** Writes a service-account key file for {@code project} whose token_uri is this emulator. */
    public Path writeServiceAccount(Path file, String name, String project) throws IOException {
        return auth.writeServiceAccount(file, name, project, endpoint() + "/token");
    }

    /** A bucket that another project owns: its name is taken for everyone else. */
    public void createForeignBucket(String project, String name) {
        state.createBucket(name, project, null, true);
    }

    /** Largest page a list returns (GCS: 1000); tests lower it to exercise pagination. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    /** How many requests of one kind arrived: "upload:media", "upload:multipart", "upload:resumable", "objects.list". */
    public int count(String what) {
        AtomicInteger c = counters.get(what);
        return c == null ? 0 : c.get();
    }

    public boolean hasBucket(String name) {
        return state.hasBucket(name);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            try {
                // Google's HTTP client gzips request bodies; GCS accepts that, and so does the emulator.
                boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
                byte[] body = gzip ? new java.util.zip.GZIPInputStream(in).readAllBytes() : in.readAllBytes();
                route(ex, body);
            } catch (Failure f) {
                GcsEmulatorHttp.sendError(ex, f);
            } catch (IllegalArgumentException e) {
                GcsEmulatorHttp.sendError(ex, new Failure(400, "parseError", "Parse Error: " + e.getMessage()));
            } catch (RuntimeException e) {
                e.printStackTrace();
                GcsEmulatorHttp.sendError(ex, new Failure(500, "backendError", "emulator: " + e));
            }
        }
    }

    private void route(HttpExchange ex, byte[] body) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        Map<String, String> q = GcsEmulatorHttp.query(ex);
        if (path.equals("/token") && method.equals("POST")) {
            String token = auth.grant(GcsEmulatorHttp.form(body).get("assertion"));
            tokenResponse(ex, token, "invalid_grant", "Invalid JWT Signature.");
            return;
        }
        if (path.equals("/v1/token") && method.equals("POST")) {
            Map<String, String> f = GcsEmulatorHttp.form(body);
            String token = auth.exchange(f.get("subject_token"), f.get("options"));
            tokenResponse(ex, token, "invalid_grant", "The subject token or access boundary was refused.");
            return;
        }
        if (path.startsWith("/upload/storage/v1/b/")) {
            String[] seg = path.substring("/upload/storage/v1/b/".length()).split("/", -1);
            if (seg.length != 2 || !seg[1].equals("o") || !(method.equals("POST") || method.equals("PUT"))) {
                throw notFound();
            }
            String bucket = GcsEmulatorHttp.decode(seg[0]);
            allowOnly(q, OBJECT_INSERT);
            Principal p = objectAccess(ex, bucket, "storage.objects.create");
            String type = q.get("upload_id") != null ? "resumable" : q.getOrDefault("uploadType", "");
            if (q.get("upload_id") == null) {
                counters.computeIfAbsent("upload:" + type, k -> new AtomicInteger()).incrementAndGet();
            }
            uploads.handle(ex, bucket, q, body, p);
            return;
        }
        String rest;
        if (path.startsWith("/storage/v1/b")) {
            rest = path.substring("/storage/v1/b".length());
        } else if (path.startsWith("/download/storage/v1/b/") && method.equals("GET")) {
            rest = path.substring("/download/storage/v1/b".length());
            q.putIfAbsent("alt", "media");
        } else {
            throw notFound();
        }
        if (rest.isEmpty()) {
            buckets(ex, method, q, body);
            return;
        }
        if (!rest.startsWith("/")) {
            throw notFound();
        }
        int o = rest.indexOf("/o", 1);
        String bucket = GcsEmulatorHttp.decode(rest.substring(1, o < 0 ? rest.length() : o));
        if (o < 0) {
            bucket(ex, method, q, bucket);
        } else if (rest.length() == o + 2) {
            if (!method.equals("GET")) {
                throw notFound();
            }
            listObjects(ex, q, bucket);
        } else if (rest.charAt(o + 2) == '/') {
            object(ex, method, q, bucket, GcsEmulatorHttp.decode(rest.substring(o + 3)));
        } else {
            throw notFound();
        }
    }

    private void buckets(HttpExchange ex, String method, Map<String, String> q, byte[] body) throws IOException {
        Principal p = principal(ex);
        String project = q.get("project");
        if (method.equals("POST")) {
            allowOnly(q, BUCKET_INSERT);
            requireProject(p, project, "storage.buckets.create");
            Map<String, Object> meta = body.length == 0 ? Map.of()
                    : dev.sky.core.json.Json.parseObject(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            Bucket b = state.createBucket((String) meta.get("name"), project, (String) meta.get("location"), true);
            GcsEmulatorHttp.sendJson(ex, 200, GcsEmulatorState.render(b, endpoint()));
        } else if (method.equals("GET")) {
            allowOnly(q, BUCKET_LIST);
            requireProject(p, project, "storage.buckets.list");
            java.util.List<Object> items = new java.util.ArrayList<>();
            state.bucketsOf(project).values().stream().filter(b -> b.name().startsWith(q.getOrDefault("prefix", "")))
                    .forEach(b -> items.add(GcsEmulatorState.render(b, endpoint())));
            GcsEmulatorHttp.sendJson(ex, 200, Map.of("kind", "storage#buckets", "items", items));
        } else {
            throw notFound();
        }
    }

    private void bucket(HttpExchange ex, String method, Map<String, String> q, String bucket) throws IOException {
        Principal p = principal(ex);
        switch (method) {
            case "GET" -> {
                allowOnly(q, BUCKET_GET);
                bucketAccess(p, bucket, "storage.buckets.get");
                GcsEmulatorHttp.sendJson(ex, 200, GcsEmulatorState.render(state.bucket(bucket), endpoint()));
            }
            case "DELETE" -> {
                allowOnly(q, Set.of("ifMetagenerationMatch", "ifMetagenerationNotMatch"));
                bucketAccess(p, bucket, "storage.buckets.delete");
                state.deleteBucket(bucket);
                GcsEmulatorHttp.sendEmpty(ex, 204);
            }
            default -> throw notFound();
        }
    }

    private void listObjects(HttpExchange ex, Map<String, String> q, String bucket) throws IOException {
        allowOnly(q, OBJECT_LIST);
        objectAccess(ex, bucket, "storage.objects.list");
        counters.computeIfAbsent("objects.list", k -> new AtomicInteger()).incrementAndGet();
        GcsEmulatorHttp.sendJson(ex, 200, GcsEmulatorListing.page(state.objects(bucket), q, pageSize, endpoint()));
    }

    private void object(HttpExchange ex, String method, Map<String, String> q, String bucket, String name)
            throws IOException {
        switch (method) {
            case "GET" -> {
                allowOnly(q, OBJECT_GET);
                objectAccess(ex, bucket, "storage.objects.get");
                StoredObject o = state.object(bucket, name);
                GcsEmulatorUploads.checkGeneration(q, o);
                if ("media".equals(q.get("alt"))) {
                    GcsEmulatorListing.sendMedia(ex, o);
                } else {
                    GcsEmulatorHttp.sendJson(ex, 200, GcsEmulatorState.render(o, endpoint()));
                }
            }
            case "DELETE" -> {
                allowOnly(q, Set.of("generation", "ifGenerationMatch", "ifGenerationNotMatch",
                        "ifMetagenerationMatch", "ifMetagenerationNotMatch"));
                objectAccess(ex, bucket, "storage.objects.delete");
                GcsEmulatorUploads.checkGeneration(q, state.object(bucket, name));
                state.deleteObject(bucket, name);
                GcsEmulatorHttp.sendEmpty(ex, 204);
            }
            default -> throw notFound();
        }
    }

    private Principal principal(HttpExchange ex) {
        Principal p = auth.principal(ex.getRequestHeaders().getFirst("Authorization"));
        if (p == null) {
            throw new Failure(401, "required", "Anonymous caller does not have storage access, or the credentials are"
                    + " invalid.");
        }
        return p;
    }

    private void requireProject(Principal p, String project, String permission) {
        if (project == null || project.isEmpty()) {
            throw new Failure(400, "required", "Required parameter: project");
        }
        if (p.buckets() != null || !project.equals(p.project())) {
            throw denied(p, permission, "project " + project);
        }
    }

    private void bucketAccess(Principal p, String bucket, String permission) {
        if (p.buckets() != null) {
            throw denied(p, permission, "the Google Cloud Storage bucket");
        }
        Bucket b = state.bucket(bucket);
        if (!b.project().equals(p.project())) {
            throw denied(p, permission, "the Google Cloud Storage bucket");
        }
    }

    private Principal objectAccess(HttpExchange ex, String bucket, String permission) {
        Principal p = principal(ex);
        if (!state.hasBucket(bucket) && p.mayUseObjectsOf(bucket)) {
            throw new Failure(404, "notFound", "The specified bucket does not exist.");
        }
        if (!p.mayUseObjectsOf(bucket) || !state.bucket(bucket).project().equals(p.project())) {
            throw denied(p, permission, "the Google Cloud Storage bucket");
        }
        return p;
    }

    private static Failure denied(Principal p, String permission, String what) {
        return new Failure(403, "forbidden", p.email() + " does not have " + permission + " access to " + what
                + ". Permission '" + permission + "' denied on resource (or it may not exist).");
    }

    private static Failure notFound() {
        return new Failure(404, "notFound", "Not Found");
    }

    private static void tokenResponse(HttpExchange ex, String token, String error, String description)
            throws IOException {
        if (token == null) {
            GcsEmulatorHttp.sendJson(ex, 400, Map.of("error", error, "error_description", description));
            return;
        }
        GcsEmulatorHttp.sendJson(ex, 200, Map.of("access_token", token, "expires_in", 3599, "token_type", "Bearer",
                "issued_token_type", "urn:ietf:params:oauth:token-type:access_token"));
    }
}
