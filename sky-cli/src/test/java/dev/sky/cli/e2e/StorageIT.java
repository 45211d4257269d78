package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.core.json.Json;
import dev.sky.provision.storage.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket file mounts on local-cloud nodes against s3proxy (a real S3 API server, out of process): COPY with
 * .skyignore, non-persistent buckets gone after down, MOUNT and MOUNT_CACHED with rclone + FUSE (or, where FUSE is
 * not usable by this user, the up-front refusal), and the credential material on the node.
 */
class StorageIT {
    static final String CANARY = "OTHER-PROFILE-SECRET-canary-7d1f";
    @TempDir
    static Path shared;
    static S3ProxyServer s3;

    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start(shared);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        sky = new LocalSky(dir);
        Files.createDirectories(sky.skyHome());
        Files.writeString(sky.skyHome().resolve("config.yaml"), "aws:\n  s3:\n    endpoint: " + s3.endpoint() + "\n");
        Path aws = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(aws.resolve("credentials"), "[default]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY + "\n\n[other]\naws_access_key_id = AKIAOTHER"
                + "\naws_secret_access_key = " + CANARY + "\n");
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void copyUploadsIncrementallyHonoursSkyignoreAndDownDeletesANonPersistentBucket() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/sub"));
        Files.writeString(data.getParent().resolve("a.txt"), "alpha-content\n");
        Files.writeString(data.resolve("b.txt"), "beta-content\n");
        Files.writeString(data.getParent().resolve("skip.bin"), "left out\n");
        Files.writeString(data.getParent().resolve(".skyignore"), "skip.bin\n");
        String c = "st-copy";
        String task = sky.task("copy.yaml", "name: copy\nfile_mounts:\n  ~/data:\n    name: sky-e2e-copy\n"
                + "    source: " + data.getParent() + "\n    mode: COPY\n    persistent: false\n"
                + "run: cat ~/data/a.txt ~/data/sub/b.txt; test ! -e ~/data/skip.bin && echo no-skip\n");

        CommandResult r = sky.run("launch", "-c", c, "-y", "--infra", "local", task);
        assertThat(r).succeeded().noStackTrace().outContains("alpha-content", "beta-content", "no-skip");
        assertThat(r.stdout() + r.stderr()).contains("Uploading 3 file(s)");
        Path bucket = s3.dataDir().resolve("sky-e2e-copy");
        assertThat(bucket.resolve("a.txt")).hasContent("alpha-content");
        assertThat(bucket.resolve("skip.bin")).doesNotExist();

        List<Map<String, Object>> rows = storage();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "sky-e2e-copy").containsEntry("created_by_sky", true)
                .containsEntry("persistent", false).containsEntry("status", "READY")
                .containsEntry("clusters", List.of(c));

        // Same launch again: nothing changed, nothing sent, no second bucket.
        CommandResult again = sky.run("launch", "-c", c, "-y", "--infra", "local", task);
        assertThat(again).succeeded();
        assertThat(again.stdout() + again.stderr()).contains("0 of 3 file(s) sent");

        assertThat(sky.run("storage", "delete", "-y", "sky-e2e-copy")).exitedWith(4); // still used by the cluster
        assertThat(sky.run("down", "-y", c)).succeeded();
        assertThat(bucket).doesNotExist();
        assertThat(storage()).isEmpty();
    }

    @Test
    void mountAndCachedMountOrTheUpFrontRefusal() throws Exception {
        String c = "st-mount";
        // .dat, not .txt: s3proxy on Jetty 11 rejects the signature of a Content-Type with a charset (rclone sends
        // "text/plain; charset=utf-8" for .txt); real S3 does not.
        String task = sky.task("mount.yaml", "name: mount\nfile_mounts:\n"
                + "  ~/direct:\n    name: sky-e2e-direct\n    mode: MOUNT\n"
                + "  ~/ckpt:\n    name: sky-e2e-cached\n    mode: MOUNT_CACHED\n"
                + "run: echo direct-write > ~/direct/d.dat && head -c 300000 /dev/urandom > ~/ckpt/big.bin"
                + " && echo ckpt-write > ~/ckpt/out.dat && echo wrote\n");
        boolean fuseUsable = Files.isReadable(Path.of("/dev/fuse")) && Files.isWritable(Path.of("/dev/fuse"));
        CommandResult r = sky.run("launch", "-c", c, "-y", "--infra", "local", task);
        if (!fuseUsable) {
            assertThat(r).exitedWith(3).noStackTrace().errContains("FUSE");
            assertThat(sky.cluster(c)).isEmpty();
            assertThat(storage()).isEmpty();
            return;
        }
        assertThat(r).succeeded().noStackTrace().outContains("wrote");
        // The job reported SUCCEEDED: what it wrote through the cached mount is in the bucket already.
        Path cached = s3.dataDir().resolve("sky-e2e-cached");
        assertThat(cached.resolve("out.dat")).hasContent("ckpt-write");
        assertThat(cached.resolve("big.bin")).hasSize(300000);
        assertThat(s3.dataDir().resolve("sky-e2e-direct/d.dat")).hasContent("direct-write");
        assertThat(sky.run("logs", c, "1", "--no-follow")).succeeded().outContains("cached mount upload complete");

        // Scoped credentials: one rclone remote per mount, this store's key only, no credential files copied.
        Path node = sky.nodeHome(c, 0);
        List<Path> confs;
        try (Stream<Path> s = Files.walk(node.resolve(".sky"))) {
            confs = s.filter(p -> p.getFileName().toString().equals("rclone.conf")).toList();
        }
        assertThat(confs).hasSize(2);
        for (Path conf : confs) {
            String text = Files.readString(conf);
            assertThat(text.lines().filter(l -> l.startsWith("["))).hasSize(1);
            assertThat(text).contains(S3ProxyServer.ACCESS_KEY).doesNotContain(CANARY).doesNotContain("AKIAOTHER");
            assertThat(Files.getPosixFilePermissions(conf)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        assertThat(node.resolve(".aws")).doesNotExist();
        try (Stream<Path> s = Files.walk(sky.skyHome())) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/local/")).toList()) {
                assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s", p).doesNotContain(S3ProxyServer.SECRET_KEY);
            }
        }

        assertThat(sky.run("down", "-y", c)).succeeded();
        // Persistent (the default): the buckets stay, recorded, used by no cluster.
        assertThat(cached.resolve("out.dat")).exists();
        assertThat(storage()).extracting(m -> m.get("name")).containsExactly("sky-e2e-cached", "sky-e2e-direct");
        assertThat(sky.run("storage", "delete", "-y", "-a")).succeeded();
        assertThat(cached).doesNotExist();
        assertThat(storage()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> storage() {
        CommandResult ls = sky.run("storage", "ls", "--json");
        assertThat(ls).succeeded();
        return (List<Map<String, Object>>) Json.parse(ls.stdout().strip());
    }
}
