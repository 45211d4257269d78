package dev.sky.clouds.gcp.storage;

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
 * The real rclone binary with the remote {@link GcsStore#rcloneRemote} generates: it copies a file into its bucket
 * and lists it, and the same settings are refused on a second bucket of the same project and on bucket metadata.
 */
class GcsRcloneRemoteTest {
    record Run(int exit, String out) {}

    @Test
    void scopedTokenReachesItsBucketOnly(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/rclone")) || onPath("rclone"),
                "needs rclone (apt-get install rclone)");
        try (GcsEmulator gcs = GcsEmulator.start()) {
            SkyPaths paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")),
                    Files.createDirectories(dir.resolve("home")));
            Files.writeString(paths.config(), "gcp:\n  storage:\n    endpoint: " + gcs.endpoint()
                    + "\n    sts_endpoint: " + gcs.stsEndpoint() + "\n");
            Path key = gcs.writeServiceAccount(dir.resolve("sa.json"), "sky", "proj-r");
            try (ObjectStore s = new GcsStoreFactory().open(new StoreSettings(paths, null, null, null,
                    Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString())))) {
                s.createBucket("sky-mounted", null);
                s.createBucket("sky-elsewhere", null);
                s.upload("sky-elsewhere", "secret.txt", Files.writeString(dir.resolve("s.txt"), "not yours"));

                RcloneRemote remote = s.rcloneRemote("sky-mounted");
                assertThat(remote.type()).isEqualTo("google cloud storage");
                String keyFile = Files.readString(key);
                // Nothing of the service account travels: no key, no email, only a minted token.
                remote.options().values().forEach(v -> assertThat(v).doesNotContain("PRIVATE KEY")
                        .doesNotContain("iam.gserviceaccount.com"));
                assertThat(keyFile).doesNotContain(remote.options().get("token"));
                Path conf = writeConf(dir, remote);

                Path local = Files.writeString(dir.resolve("ckpt.txt"), "step 100");
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
                assertThat(rclone(conf, "rmdir", "r:sky-mounted").exit()).isNotZero();
                assertThat(gcs.hasBucket("sky-mounted")).isTrue();
                s.deleteBucket("sky-mounted");
                s.deleteBucket("sky-elsewhere");
            }
        }
    }

    static Path writeConf(Path dir, RcloneRemote remote) throws Exception {
        StringBuilder conf = new StringBuilder("[r]\ntype = " + remote.type() + "\n");
        remote.options().forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
        Path file = dir.resolve("rclone.conf");
        Files.writeString(file, conf);
        return file;
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
