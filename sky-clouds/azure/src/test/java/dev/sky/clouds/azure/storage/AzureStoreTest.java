package dev.sky.clouds.azure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.SasProtocol;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.RemoteObject;
import dev.sky.provision.storage.spi.StoreSettings;
import dev.sky.provision.storage.spi.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure Blob store through the real SDK (JDK HTTP client) against Azurite run out of process. */
class AzureStoreTest {
    @TempDir
    static Path dir;
    static AzuriteServer azurite;
    static SkyPaths paths;

    @BeforeAll
    static void start() throws Exception {
        paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")), Files.createDirectories(dir.resolve("home")));
        azurite = AzuriteServer.start(dir.resolve("azurite"));
        Files.writeString(paths.config(), "azure:\n  storage:\n    endpoint: " + azurite.endpoint() + "\n");
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
    }

    static ObjectStore store(Map<String, String> env) {
        return new AzureStoreFactory().open(new StoreSettings(paths, null, null, null, env));
    }

    static Map<String, String> keyEnv() {
        return Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT, "AZURE_STORAGE_KEY", AzuriteServer.KEY);
    }

    @Test
    void containerLifecycleWithChecksums() throws Exception {
        try (ObjectStore s = store(keyEnv())) {
            assertThat(s.bucketExists("sky-life")).isFalse();
            s.createBucket("sky-life", "eastus");
            s.createBucket("sky-life", null); // ours already: success
            assertThat(s.bucketExists("sky-life")).isTrue();

            Path small = Files.writeString(dir.resolve("small.txt"), "hello azure");
            Path large = dir.resolve("large.bin");
            byte[] data = new byte[9 * 1024 * 1024 + 5];
            new Random(7).nextBytes(data);
            Files.write(large, data);
            s.upload("sky-life", "data/small.txt", small);
            s.upload("sky-life", "data/dir/large.bin", large);
            s.upload("sky-life", "other/x", small);

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
            s.deleteBucket("sky-life");
            assertThat(s.bucketExists("sky-life")).isFalse();
            s.deleteBucket("sky-life"); // missing: success
        }
    }

    @Test
    void connectionStringWorksAlone() {
        try (ObjectStore s = new AzureStoreFactory().open(new StoreSettings(
                new SkyPaths(dir.resolve("sky2"), dir.resolve("home2")), null, null, null,
                Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString())))) {
            s.createBucket("sky-conn", null);
            assertThat(s.bucketExists("sky-conn")).isTrue();
            s.deleteBucket("sky-conn");
        }
    }

    @Test
    void wrongKeyIsRefusedInOneLineWithoutTheKey() {
        String wrong = "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXk=";
        try (ObjectStore s = store(Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT, "AZURE_STORAGE_KEY", wrong))) {
            assertThatThrownBy(() -> s.createBucket("sky-denied", null))
                    .isInstanceOf(SkyException.class)
                    .hasMessageContaining("/sky-denied")
                    .hasMessageContaining("credentials were refused")
                    .hasMessageNotContaining(wrong)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void readOnlySasIsAccessDeniedOnWrite() throws Exception {
        try (ObjectStore owner = store(keyEnv())) {
            owner.createBucket("sky-ro", null);
            String readList = new BlobServiceClientBuilder().endpoint(azurite.endpoint())
                    .httpClient(new JdkHttpClientBuilder().build())
                    .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, AzuriteServer.KEY))
                    .buildClient().getBlobContainerClient("sky-ro")
                    .generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                            BlobContainerSasPermission.parse("rl")).setProtocol(SasProtocol.HTTPS_HTTP));
            try (ObjectStore reader = store(Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT,
                    "AZURE_STORAGE_SAS_TOKEN", readList))) {
                assertThat(reader.list("sky-ro", "")).isEmpty();
                Path f = Files.writeString(dir.resolve("ro.txt"), "x");
                assertThatThrownBy(() -> reader.upload("sky-ro", "ro.txt", f)).isInstanceOf(SkyException.class)
                        .hasMessageContaining("access denied").hasMessageNotContaining("sig=");
                assertThatThrownBy(() -> reader.rcloneRemote("sky-ro")).isInstanceOf(SkyException.class)
                        .hasMessageContaining("needs the account key");
            }
            owner.deleteBucket("sky-ro");
        }
    }

    @Test
    void missingObjectAndContainerAreNotFound() {
        try (ObjectStore s = store(keyEnv())) {
            s.createBucket("sky-missing", null);
            assertThatThrownBy(() -> s.download("sky-missing", "nope", dir.resolve("nope")))
                    .isInstanceOf(SkyException.class).hasMessageContaining("no such object")
                    .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.NOT_FOUND_OR_WRONG_STATE));
            assertThatThrownBy(() -> s.list("sky-nocontainer", ""))
                    .isInstanceOf(SkyException.class).hasMessageContaining("no such container");
            assertThat(Files.exists(dir.resolve("nope"))).isFalse();
            s.deleteBucket("sky-missing");
        }
    }

    @Test
    void noCredentialsSaysWhichVariablesToSet() {
        try (ObjectStore s = new AzureStoreFactory().open(new StoreSettings(paths, null, null, "someacct", Map.of()))) {
            assertThatThrownBy(() -> s.bucketExists("sky-x")).isInstanceOf(SkyException.class)
                    .hasMessageContaining("AZURE_STORAGE_KEY").hasMessageContaining("someacct");
        }
    }

    @Test
    void aKeyForAnotherAccountIsRefusedBeforeAnyRequest() {
        try (ObjectStore s = new AzureStoreFactory().open(new StoreSettings(paths, null, null, "otheracct", keyEnv()))) {
            assertThatThrownBy(() -> s.bucketExists("sky-x")).isInstanceOf(SkyException.class)
                    .hasMessageContaining("'" + AzuriteServer.ACCOUNT + "', not 'otheracct'")
                    .hasMessageNotContaining(AzuriteServer.KEY)
                    .satisfies(e -> assertThat(((SkyException) e).exitCode()).isEqualTo(ExitCode.INVALID_INPUT));
        }
    }

    @Test
    void invalidContainerNameFailsBeforeAnyRequest() {
        try (ObjectStore s = store(Map.of())) {
            assertThatThrownBy(() -> s.createBucket("Bad--Name", null)).isInstanceOf(SkyException.class)
                    .hasMessageContaining("invalid Azure container name");
            assertThatThrownBy(() -> s.bucketExists("ab")).isInstanceOf(SkyException.class)
                    .hasMessageContaining("invalid Azure container name");
        }
    }

    @Test
    void azCliConfigFileIsACredentialSource() throws Exception {
        Path azDir = Files.createDirectories(dir.resolve("az"));
        Files.writeString(azDir.resolve("config"), "[storage]\naccount = " + AzuriteServer.ACCOUNT + "\nkey = "
                + AzuriteServer.KEY + "\n");
        AzureStoreConfig c = AzureStoreConfig.resolve(new StoreSettings(paths, null, null, null,
                Map.of("AZURE_CONFIG_DIR", azDir.toString())));
        assertThat(c.account()).isEqualTo(AzuriteServer.ACCOUNT);
        assertThat(c.accountKey()).isEqualTo(AzuriteServer.KEY);
        assertThat(c.endpoint()).isEqualTo(azurite.endpoint());
        assertThat(c.toString()).doesNotContain(AzuriteServer.KEY);
        AzureStoreConfig cloud = AzureStoreConfig.resolve(new StoreSettings(
                new SkyPaths(dir.resolve("sky3"), dir.resolve("home3")), null, null, "acct", Map.of()));
        assertThat(cloud.endpoint()).isEqualTo("https://acct.blob.core.windows.net");
    }

    @Test
    void urisInTheCloudFormAndUnderTheConfiguredEndpoint() {
        AzureStoreConfig c = AzureStoreConfig.resolve(new StoreSettings(paths, null, null, null, keyEnv()));
        StoreUri local = AzureBlobUris.parse(azurite.endpoint() + "/ckpts/run1/", c);
        assertThat(local).isEqualTo(new StoreUri("azure", "ckpts", "run1", AzuriteServer.ACCOUNT));
        StoreUri cloud = AzureBlobUris.parse("https://acct.blob.core.windows.net/data/x", c);
        assertThat(cloud).isEqualTo(new StoreUri("azure", "data", "x", "acct"));
        assertThatThrownBy(() -> AzureBlobUris.parse(azurite.endpoint() + "/", c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no container");
        assertThatThrownBy(() -> AzureBlobUris.parse("gs://b/p", c)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceLoaderFindsTheAzureStore() {
        assertThat(ServiceLoader.load(ObjectStoreFactory.class).stream().map(p -> p.get().storeType()))
                .contains("azure");
    }

    static String md5(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(f)));
    }
}
