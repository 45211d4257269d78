package dev.sky.clouds.gcp.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.GoogleCredentials;
import dev.sky.core.json.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's wire behaviour that the SDK tests do not pin down: strictness, error shapes, uploads by hand. */
class GcsEmulatorTest {
    @TempDir
    static Path dir;
    static GcsEmulator gcs;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gcs = GcsEmulator.start();
        Path key = gcs.writeServiceAccount(dir.resolve("sa.json"), "t", "proj-e");
        try (InputStream in = Files.newInputStream(key)) {
            token = GoogleCredentials.fromStream(in).createScoped(List.of(GcsCredentials.CLOUD_PLATFORM))
                    .refreshAccessToken().getTokenValue();
        }
        send("POST", "/storage/v1/b?project=proj-e", "{\"name\":\"emu-b\"}", null);
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gcs.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (headers != null) {
            headers.forEach(b::header);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    static String reason(HttpResponse<String> r) {
        Map<String, Object> error = (Map<String, Object>) Json.parseObject(r.body()).get("error");
        assertThat(((Number) error.get("code")).intValue()).isEqualTo(r.statusCode());
        return (String) ((Map<String, Object>) ((List<?>) error.get("errors")).get(0)).get("reason");
    }

    @Test
    void unknownPathsAndParametersAreRefused() throws Exception {
        HttpResponse<String> path = send("GET", "/storage/v2/b", null, null);
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(reason(path)).isEqualTo("notFound");
        HttpResponse<String> param = send("GET", "/storage/v1/b/emu-b/o?colour=blue", null, null);
        assertThat(param.statusCode()).isEqualTo(400);
        assertThat(reason(param)).isEqualTo("invalidParameter");
        HttpResponse<String> upload = send("POST", "/upload/storage/v1/b/emu-b/o?name=x", "x", null);
        assertThat(upload.statusCode()).isEqualTo(400);
        HttpResponse<String> noProject = send("POST", "/storage/v1/b", "{\"name\":\"emu-c\"}", null);
        assertThat(noProject.statusCode()).isEqualTo(400);
        assertThat(reason(noProject)).isEqualTo("required");
    }

    @Test
    void anonymousCallersGet401() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gcs.endpoint() + "/storage/v1/b/emu-b/o"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void mediaUploadThenRangedDownloadWithHashes() throws Exception {
        HttpResponse<String> up = send("POST", "/upload/storage/v1/b/emu-b/o?uploadType=media&name=a%2Fb.txt",
                "0123456789", Map.of("Content-Type", "text/plain"));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(up.body())).containsEntry("name", "a/b.txt").containsEntry("size", "10");
        HttpResponse<String> whole = send("GET", "/storage/v1/b/emu-b/o/a%2Fb.txt?alt=media", null, null);
        assertThat(whole.body()).isEqualTo("0123456789");
        assertThat(whole.headers().firstValue("x-goog-hash").orElse("")).contains("md5=").contains("crc32c=");
        HttpResponse<String> part = send("GET", "/storage/v1/b/emu-b/o/a%2Fb.txt?alt=media", null,
                Map.of("Range", "bytes=3-5"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("345");
        HttpResponse<String> notEmpty = send("DELETE", "/storage/v1/b/emu-b", null, null);
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/storage/v1/b/emu-b/o/a%2Fb.txt", null, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/storage/v1/b/emu-b/o/a%2Fb.txt", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void multipartWithWrongMd5IsRefused() throws Exception {
        String body = "--B\r\nContent-Type: application/json\r\n\r\n{\"name\":\"m.txt\",\"md5Hash\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}"
                + "\r\n--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B--\r\n";
        HttpResponse<String> r = send("POST", "/upload/storage/v1/b/emu-b/o?uploadType=multipart", body,
                Map.of("Content-Type", "multipart/related; boundary=B"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("MD5");
        assertThat(send("GET", "/storage/v1/b/emu-b/o/m.txt", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void resumableSessionReportsWhatItHas() throws Exception {
        HttpResponse<String> init = send("POST", "/upload/storage/v1/b/emu-b/o?uploadType=resumable",
                "{\"name\":\"r.bin\"}", Map.of("Content-Type", "application/json"));
        String session = init.headers().firstValue("Location").orElseThrow();
        String path = session.substring(gcs.endpoint().length());
        HttpResponse<String> first = send("PUT", path, "abcd", Map.of("Content-Range", "bytes 0-3/*"));
        assertThat(first.statusCode()).isEqualTo(308);
        assertThat(first.headers().firstValue("Range")).hasValue("bytes=0-3");
        HttpResponse<String> status = send("PUT", path, null, Map.of("Content-Range", "bytes */6"));
        assertThat(status.statusCode()).isEqualTo(308);
        HttpResponse<String> last = send("PUT", path, "ef", Map.of("Content-Range", "bytes 4-5/6"));
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/storage/v1/b/emu-b/o/r.bin?alt=media", null, null).body()).isEqualTo("abcdef");
        send("DELETE", "/storage/v1/b/emu-b/o/r.bin", null, null);
    }
}
