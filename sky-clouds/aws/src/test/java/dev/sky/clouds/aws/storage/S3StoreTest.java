package dev.sky.clouds.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.S3ProxyServer;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.RemoteObject;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against s3proxy, a real S3 API server run out of process. */
class S3StoreTest {
    @TempDir
    static Path dir;
    static S3ProxyServer server;
    static SkyPaths paths;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(dir);
        paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")), Files.createDirectories(dir.resolve("home")));
        Files.writeString(paths.config(), "aws:\n  s3:\n    endpoint: " + server.endpoint() + "\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static ObjectStore store(String access, String secret) {
        return new S3StoreFactory().open(new StoreSettings(paths, null, null, null,
                Map.of("AWS_ACCESS_KEY_ID", access, "AWS_SECRET_ACCESS_KEY", secret)));
    }

    @Test
    void bucketLifecycleWithChecksums() throws Exception {
        try (ObjectStore s = store(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            assertThat(s.bucketExists("sky-life")).isFalse();
            s.createBucket("sky-life", null);
            s.createBucket("sky-life", null); // ours already: success
            assertThat(s.bucketExists("sky-life")).isTrue();

            Path f = dir.resolve("a.bin");
            Files.write(f, "hello storage".getBytes(StandardCharsets.UTF_8));
            s.upload("sky-life", "data/a.bin", f);
            s.upload("sky-life", "other/b.bin", f);
            Map<String, RemoteObject> listed = s.list("sky-life", "data");
            assertThat(listed).containsOnlyKeys("data/a.bin");
            assertThat(listed.get("data/a.bin").size()).isEqualTo(13);
            assertThat(listed.get("data/a.bin").md5Hex()).isEqualTo(md5(f));
            assertThat(s.list("sky-life", "")).hasSize(2);

            Path back = dir.resolve("back/a.bin");
            s.download("sky-life", "data/a.bin", back);
            assertThat(Files.readString(back)).isEqualTo("hello storage");

            s.deleteObject("sky-life", "other/b.bin");
            assertThat(s.list("sky-life", "")).containsOnlyKeys("data/a.bin");

            s.deleteBucket("sky-life"); // not empty: emptied first
            assertThat(s.bucketExists("sky-life")).isFalse();
            s.deleteBucket("sky-life"); // missing: success
        }
    }

    @Test
    void refusedCredentialsAreOneLineWithoutTheSecret() {
        try (ObjectStore s = store("wrong-key", "wrong-secret-value")) {
            assertThatThrownBy(() -> s.createBucket("sky-denied", null))
                    .isInstanceOf(SkyException.class)
                    .hasMessageContaining("s3://sky-denied")
                    .hasMessageNotContaining("wrong-secret-value")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void missingObjectIsNotFound() {
        try (ObjectStore s = store(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            s.createBucket("sky-missing", null);
            assertThatThrownBy(() -> s.download("sky-missing", "nope", dir.resolve("nope")))
                    .isInstanceOf(SkyException.class).hasMessageContaining("no such object");
            s.deleteBucket("sky-missing");
        }
    }

    @Test
    void rcloneRemoteReachesTheBucketWithOnlyItsKeys() throws Exception {
        try (ObjectStore s = store(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            s.createBucket("sky-rclone", null);
            Path f = dir.resolve("r.txt");
            Files.writeString(f, "via rclone");
            s.upload("sky-rclone", "r.txt", f);
            RcloneRemote remote = s.rcloneRemote("sky-rclone");
            assertThat(remote.type()).isEqualTo("s3");
            assertThat(remote.options()).containsEntry("endpoint", server.endpoint())
                    .containsEntry("access_key_id", S3ProxyServer.ACCESS_KEY)
                    .containsEntry("provider", "Other");
            StringBuilder conf = new StringBuilder("[r]\ntype = s3\n");
            remote.options().forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
            Path confFile = dir.resolve("rclone.conf");
            Files.writeString(confFile, conf);
            ProcessBuilder pb = new ProcessBuilder(List.of("rclone", "--config", confFile.toString(), "cat",
                    "r:sky-rclone/r.txt")).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_")); // as on a node: only the remote's keys
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("via rclone");
            s.deleteBucket("sky-rclone");
        }
    }

    @Test
    void configYamlSetsTheEndpointAndExplicitSettingsWin() {
        S3StoreConfig c = S3StoreConfig.resolve("s3", new StoreSettings(paths, null, null, null, Map.of()));
        assertThat(c.endpoint()).isEqualTo(server.endpoint());
        assertThat(c.pathStyle()).isTrue();
        assertThat(c.region()).isEqualTo("us-east-1");
        S3StoreConfig explicit = S3StoreConfig.resolve("s3",
                new StoreSettings(paths, "http://127.0.0.1:1", "eu-west-1", null, Map.of()));
        assertThat(explicit.endpoint()).isEqualTo("http://127.0.0.1:1");
        assertThat(explicit.region()).isEqualTo("eu-west-1");
    }

    @Test
    void r2WithoutAccountIdSaysWhereToPutIt() {
        assertThatThrownBy(() -> S3StoreConfig.resolve("r2", new StoreSettings(paths, null, null, null, Map.of())))
                .isInstanceOf(SkyException.class).hasMessageContaining(".cloudflare/accountid");
    }

    @Test
    void largeFilesGoAsMultipartUploadsWithEveryByteIntact() throws Exception {
        try (ObjectStore s = store(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)) {
            // The knobs, lowered: 5 MiB parts (S3's smallest) above 6 MiB, instead of 64 MiB.
            ((S3Store) s).multipartThreshold = 6L << 20;
            ((S3Store) s).partSize = 5L << 20;
            s.createBucket("sky-multipart", null);
            byte[] data = new byte[(12 << 20) + 12345];
            new java.util.Random(7).nextBytes(data);
            Path f = Files.write(dir.resolve("big.bin"), data);
            s.upload("sky-multipart", "big.bin", f);
            RemoteObject o = s.list("sky-multipart", "").get("big.bin");
            assertThat(o.size()).isEqualTo(data.length);
            assertThat(o.md5Hex()).as("a multipart ETag is not an MD5").isNull();
            Path back = dir.resolve("big-back.bin");
            s.download("sky-multipart", "big.bin", back);
            assertThat(md5(back)).isEqualTo(md5(f));
            // Below the threshold: one PUT, whose ETag is the MD5.
            Path small = Files.write(dir.resolve("small.bin"), java.util.Arrays.copyOf(data, 1 << 20));
            s.upload("sky-multipart", "small.bin", small);
            assertThat(s.list("sky-multipart", "").get("small.bin").md5Hex()).isEqualTo(md5(small));
            s.deleteBucket("sky-multipart");
        }
    }

    @Test
    void aFailedMultipartUploadIsAbortedLeavingNoParts() throws Exception {
        S3StoreConfig c = S3StoreConfig.resolve("s3", new StoreSettings(paths, null, null, null, Map.of()));
        try (ObjectStore s = store(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
             S3Client s3 = S3ClientFactory.client(c, StaticCredentialsProvider.create(
                     AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))) {
            s.createBucket("sky-mpu-abort", null);
            byte[] data = new byte[(6 << 20) + 100];
            new java.util.Random(3).nextBytes(data);
            Path f = Files.write(dir.resolve("abort.bin"), data);
            // The file is "longer" than it is: the first part goes in, the second cannot be read whole.
            assertThatThrownBy(() -> S3MultipartUpload.send(s3, "sky-mpu-abort", "abort.bin", f, 11L << 20,
                    5L << 20)).isInstanceOf(RuntimeException.class);
            // Without the abort, s3proxy lists the upload and keeps its first part (checked by removing it).
            assertThat(s3.listMultipartUploads(b -> b.bucket("sky-mpu-abort")).uploads()).isEmpty();
            try (var walk = Files.walk(server.dataDir().resolve("sky-mpu-abort"))) {
                assertThat(walk.filter(Files::isRegularFile).toList()).as("parts left behind").isEmpty();
            }
            s.deleteBucket("sky-mpu-abort");
        }
    }

    @Test
    void multipartPartSizeGrowsToStayWithinTenThousandParts() {
        long part = S3MultipartUpload.DEFAULT_PART_SIZE;
        assertThat(S3MultipartUpload.partSizeFor(5L << 30, part)).isEqualTo(part); // 5 GiB: 80 parts
        assertThat(S3MultipartUpload.partSizeFor(1L << 40, part)).isEqualTo(part * 2); // 1 TiB: 8192 parts of 128 MiB
    }

    @Test
    void etagOfMultipartUploadHasNoMd5() {
        assertThat(S3Store.md5FromEtag("\"0123456789abcdef0123456789abcdef\"")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(S3Store.md5FromEtag("\"0123456789abcdef0123456789abcdef-3\"")).isNull();
    }

    static String md5(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    }
}
