package dev.sky.clouds.azure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real rclone binary with the remote {@link AzureStore#rcloneRemote} generates: a container SAS URL copies a
 * file in and lists it, and is refused on another container of the same account; the account key is not in it.
 */
class AzureRcloneRemoteTest {
    record Run(int exit, String out) {}

    @Test
    void containerSasReachesItsContainerOnly(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("rclone"), "needs rclone (apt-get install rclone)");
        try (AzuriteServer azurite = AzuriteServer.start(dir.resolve("azurite"))) {
            SkyPaths paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")),
                    Files.createDirectories(dir.resolve("home")));
            Files.writeString(paths.config(), "azure:\n  storage:\n    endpoint: " + azurite.endpoint() + "\n");
            try (ObjectStore s = new AzureStoreFactory().open(new StoreSettings(paths, null, null, null, Map.of(
                    "AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT, "AZURE_STORAGE_KEY", AzuriteServer.KEY)))) {
                s.createBucket("sky-mounted", null);
                s.createBucket("sky-elsewhere", null);
                s.upload("sky-elsewhere", "secret.txt", Files.writeString(dir.resolve("s.txt"), "not yours"));

                RcloneRemote remote = s.rcloneRemote("sky-mounted");
                assertThat(remote.type()).isEqualTo("azureblob");
                assertThat(remote.options()).containsOnlyKeys("sas_url");
                String sasUrl = remote.options().get("sas_url");
                assertThat(sasUrl).startsWith(azurite.endpoint() + "/sky-mounted?").contains("sig=")
                        .doesNotContain(AzuriteServer.KEY);
                assertThat(remote.toString()).doesNotContain("sig=");
                Path conf = dir.resolve("rclone.conf");
                Files.writeString(conf, "[r]\ntype = azureblob\nsas_url = " + sasUrl + "\n");

                Path local = Files.writeString(dir.resolve("ckpt.txt"), "step 200");
                assertThat(rclone(conf, "copyto", local.toString(), "r:sky-mounted/ckpt/ckpt.txt").exit()).isZero();
                Run ls = rclone(conf, "lsf", "-R", "r:sky-mounted");
                assertThat(ls.exit()).isZero();
                assertThat(ls.out().lines()).contains("ckpt/ckpt.txt");
                assertThat(s.list("sky-mounted", "ckpt")).containsOnlyKeys("ckpt/ckpt.txt");

                Run other = rclone(conf, "cat", "r:sky-elsewhere/secret.txt");
                assertThat(other.exit()).isNotZero();
                assertThat(other.out()).doesNotContain("not yours");
                assertThat(rclone(conf, "copyto", local.toString(), "r:sky-elsewhere/x.txt").exit()).isNotZero();
                assertThat(s.list("sky-elsewhere", "")).containsOnlyKeys("secret.txt");
                s.deleteBucket("sky-mounted");
                s.deleteBucket("sky-elsewhere");
            }
        }
    }

    static Run rclone(Path conf, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rclone", "--config", conf.toString(), "--retries", "1",
                "--low-level-retries", "1", "--contimeout", "5s"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
