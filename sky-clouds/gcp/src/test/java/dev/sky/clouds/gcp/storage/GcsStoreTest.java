package dev.sky.clouds.gcp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.RemoteObject;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GCS store through the real SDK against {@link GcsEmulator}, with a service account the emulator issued. */
class GcsStoreTest {
    @TempDir
    static Path dir;
    static GcsEmulator gcs;
    static SkyPaths paths;
    static Path key;

    @BeforeAll
    static void start() throws Exception {
        gcs = GcsEmulator.start();
        paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")), Files.createDirectories(dir.resolve("home")));
        Files.writeString(paths.config(), "gcp:\n  storage:\n    endpoint: " + gcs.endpoint() + "\n    sts_endpoint: "
                + gcs.stsEndpoint() + "\n");
        key = gcs.writeServiceAccount(dir.resolve("keys/sa.json"), "sky", "proj-a");
    }

    @AfterAll
    static void stop() {
        if (gcs != null) {
            gcs.close();
        }
    }

    static ObjectStore store(Path credentials) {
        return new GcsStoreFactory().open(new StoreSettings(paths, null, null, null,
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", credentials.toString())));
    }

    @Test
    void bucketLifecycleWithSmallAndResumableUploads() throws Exception {
        try (ObjectStore s = store(key)) {
            assertThat(s.bucketExists("sky-life")).isFalse();
            s.createBucket("sky-life", "us-central1");
            s.createBucket("sky-life", null); // ours already: success
            assertThat(s.bucketExists("sky-life")).isTrue();

            Path small = Files.writeString(dir.resolve("small.txt"), "hello gcs");
            Path large = dir.resolve("large.bin");
            byte[] data = new byte[(int) GcsStore.RESUMABLE_THRESHOLD + 3 * 1024 * 1024 + 17];
            new Random(5).nextBytes(data);
            Files.write(large, data);
            int multipart = gcs.count("upload:multipart");
            int resumable = gcs.count("upload:resumable");
            s.upload("sky-life", "data/small.txt", small);
            s.upload("sky-life", "data/dir/large.bin", large);
            s.upload("sky-life", "other/x", small);
            assertThat(gcs.count("upload:multipart")).isEqualTo(multipart + 2);
            assertThat(gcs.count("upload:resumable")).isEqualTo(resumable + 1);

            Map<String, RemoteObject> listed = s.list("sky-life", "data");
            assertThat(listed).containsOnlyKeys("data/small.txt", "data/dir/large.bin");
            assertThat(listed.get("data/dir/large.bin").size()).isEqualTo(data.length);
            assertThat(listed.get("data/dir/large.bin").md5Hex()).isEqualTo(md5(large));
            assertThat(listed.get("data/small.txt").md5Hex()).isEqualTo(md5(small));

            Path back = dir.resolve("back/large.bin");
            s.download("sky-life", "data/dir/large.bin", back);
            assertThat(md5(back)).isEqualTo(md5(large));

            s.deleteObject("sky-life", "other/x");
            assertThat(s.list("sky-life", "")).containsOnlyKeys("data/small.txt", "data/dir/large.bin");
            s.deleteBucket("sky-life"); // not empty: emptied first
            assertThat(s.bucketExists("sky-life")).isFalse();
            assertThat(gcs.hasBucket("sky-life")).isFalse();
            s.deleteBucket("sky-life"); // missing: success
        }
    }

    @Test
    void listingFollowsPages() throws Exception {
        try (ObjectStore s = store(key)) {
            s.createBucket("sky-pages", null);
            Path f = Files.writeString(dir.resolve("p.txt"), "p");
            for (int i = 0; i < 7; i++) {
                s.upload("sky-pages", "k/" + i, f);
            }
            gcs.pageSize(3);
            int before = gcs.count("objects.list");
            try {
                assertThat(s.list("sky-pages", "k/")).hasSize(7);
            } finally {
                gcs.pageSize(1000);
            }
            assertThat(gcs.count("objects.list") - before).isEqualTo(3);
            s.deleteBucket("sky-pages");
        }
    }

    @Test
    void nameTakenByAnotherProjectIsSaidSo() {
        gcs.createForeignBucket("proj-other", "sky-taken");
        try (ObjectStore s = store(key)) {
            assertThatThrownBy(() -> s.createBucket("sky-taken", null))
                    .isInstanceOf(SkyException.class).hasMessageContaining("gs://sky-taken")
                    .hasMessageContaining("taken by another project");
            assertThatThrownBy(() -> s.list("sky-taken", ""))
                    .isInstanceOf(SkyException.class).hasMessageContaining("access denied");
        }
    }

    @Test
    void missingObjectAndBucketAreNotFound() {
        try (ObjectStore s = store(key)) {
            s.createBucket("sky-missing", null);
            assertThatThrownBy(() -> s.download("sky-missing", "nope", dir.resolve("nope")))
                    .isInstanceOf(SkyException.class).hasMessageContaining("no such object")
                    .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.NOT_FOUND_OR_WRONG_STATE));
            assertThatThrownBy(() -> s.list("sky-nobucket", ""))
                    .isInstanceOf(SkyException.class).hasMessageContaining("no such bucket");
            s.deleteBucket("sky-missing");
        }
    }

    @Test
    void refusedCredentialsAreOneLineWithoutSecrets() throws Exception {
        // A key this emulator never issued: the token endpoint refuses its signed grant.
        Path stranger;
        try (GcsEmulator other = GcsEmulator.start()) {
            stranger = other.writeServiceAccount(dir.resolve("keys/stranger.json"), "x", "proj-a");
        }
        String json = Files.readString(stranger);
        String tokenUri = "\"token_uri\":\"" + gcs.endpoint() + "/token\"";
        Files.writeString(stranger, json.replaceAll("\"token_uri\":\"[^\"]*\"", tokenUri));
        try (ObjectStore s = store(stranger)) {
            assertThatThrownBy(() -> s.bucketExists("sky-any"))
                    .isInstanceOf(SkyException.class)
                    .hasMessageContaining("gs://sky-any")
                    .hasMessageContaining("the credentials were refused")
                    .hasMessageNotContaining("PRIVATE KEY")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void missingCredentialsFileNamesItAndContactsNothing() {
        Path nowhere = dir.resolve("no-such-adc.json");
        int lists = gcs.count("objects.list");
        try (ObjectStore s = store(nowhere)) {
            assertThatThrownBy(() -> s.list("sky-any", ""))
                    .isInstanceOf(SkyException.class).hasMessageContaining(nowhere.toString())
                    .hasMessageContaining("gcloud auth application-default login");
        }
        assertThat(gcs.count("objects.list")).isEqualTo(lists);
    }

    @Test
    void invalidBucketNameFailsBeforeAnyRequest() {
        try (ObjectStore s = store(key)) {
            assertThatThrownBy(() -> s.createBucket("Bad_Name!", null))
                    .isInstanceOf(SkyException.class).hasMessageContaining("invalid GCS bucket name")
                    .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
            assertThatThrownBy(() -> s.createBucket("google-data", null)).hasMessageContaining("google");
            assertThatThrownBy(() -> s.bucketExists("ab")).hasMessageContaining("invalid GCS bucket name");
        }
    }

    @Test
    void configYamlAndAdcGiveEndpointAndProject() {
        GcsStoreConfig c = GcsStoreConfig.resolve(new StoreSettings(paths, null, null, null,
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString())));
        assertThat(c.endpoint()).isEqualTo(gcs.endpoint());
        assertThat(c.stsEndpoint()).isEqualTo(gcs.stsEndpoint());
        assertThat(c.project()).isEqualTo("proj-a");
        GcsStoreConfig explicit = GcsStoreConfig.resolve(new StoreSettings(paths, "http://127.0.0.1:1/", null, null,
                Map.of("GOOGLE_CLOUD_PROJECT", "proj-env")));
        assertThat(explicit.endpoint()).isEqualTo("http://127.0.0.1:1");
        assertThat(explicit.project()).isEqualTo("proj-env");
        assertThat(explicit.credentialsFile())
                .isEqualTo(paths.userHome().resolve(".config/gcloud/application_default_credentials.json"));
    }

    @Test
    void serviceLoaderFindsTheGcsStore() {
        assertThat(ServiceLoader.load(ObjectStoreFactory.class).stream().map(p -> p.get().storeType()))
                .contains("gcs");
    }

    static String md5(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    }
}
