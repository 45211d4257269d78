package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.core.json.Json;
import dev.sky.provision.storage.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket file mounts on local-cloud nodes against s3proxy (a real S3 API server, out of process): COPY with
 * .skyignore and the upload preflight, non-persistent buckets gone after down, MOUNT and MOUNT_CACHED with rclone +
 * FUSE (or, where FUSE is not usable by this user, the up-front refusal, also for exec on an existing cluster), the
 * credential material on the node, and kill -9 during an upload followed by the same launch.
 */
class StorageIT {
    static final String CANARY = "OTHER-PROFILE-SECRET-canary-7d1f";
    static final String NODE_KEY = "ASIASTORAGEITNODE01";
    static final String NODE_SECRET = "storage-it-node-secret-91c3";
    static final String PRIVATE_BUCKET = "sky-e2e-private";
    @TempDir
    static Path shared;
    static S3ProxyServer s3;

    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeAll
    static void startS3() {
        // The node's STS-issued key is a second s3proxy identity, kept out of sky-e2e-private* (see the mount test).
        s3 = S3ProxyServer.start(shared, new S3ProxyServer.SecondIdentity(NODE_KEY, NODE_SECRET,
                List.of(PRIVATE_BUCKET + "*")));
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
        Path workdir = Files.createDirectories(dir.resolve("wd"));
        for (String f : List.of("w1.py", "w2.py", "w3.py")) {
            Files.writeString(workdir.resolve(f), "print('" + f + "')\n");
        }
        String c = "st-copy";
        String task = sky.task("copy.yaml", "name: copy\nnum_nodes: 2\nworkdir: " + workdir + "\nfile_mounts:\n  ~/data:\n"
                + "    name: sky-e2e-copy\n    source: " + data.getParent() + "\n    mode: COPY\n    persistent: false\n"
                + "run: cat ~/data/a.txt ~/data/sub/b.txt; test ! -e ~/data/skip.bin && echo no-skip\n");

        // A bad threshold is refused before anything is created.
        CommandResult bad = sky.run(Map.of("SKY_UPLOAD_WARN_MB", "lots"), "launch", "-c", c, "-y", "--infra",
                "local", task);
        assertThat(bad).exitedWith(2).noStackTrace().errContains("SKY_UPLOAD_WARN_MB must be a whole number");
        assertThat(sky.cluster(c)).isEmpty();
        assertThat(storage()).isEmpty();

        // Preflight: a threshold of 2 files makes both the workdir (3 files) and the source (3 files) "large".
        CommandResult r = sky.run(Map.of("SKY_UPLOAD_WARN_FILES", "2"), "launch", "-c", c, "-y", "--infra", "local",
                task);
        assertThat(r).succeeded().noStackTrace().outContains("alpha-content", "beta-content", "no-skip");
        assertThat(r.stdout() + r.stderr()).contains("Uploading 3 file(s)",
                "Warning: The workdir " + workdir + " is large (3 file(s), 45 B).",
                "Warning: " + data.getParent() + " is large (3 file(s), 36 B).", "in a .skyignore file at its root");
        // No sts_endpoint for this s3proxy: the node's key cannot be scoped, and the launch says so in one line.
        String unscoped = "Warning: s3://sky-e2e-copy: the node gets the profile's own key, not one scoped to this"
                + " bucket: there is no STS endpoint for " + s3.endpoint();
        assertThat((r.stdout() + r.stderr()).lines().filter(l -> l.startsWith(unscoped)).count()).isEqualTo(1);
        Path bucket = s3.dataDir().resolve("sky-e2e-copy");
        assertThat(bucket.resolve("a.txt")).hasContent("alpha-content");
        assertThat(bucket.resolve("skip.bin")).doesNotExist();
        // Every node downloaded the bucket itself (rclone on the node), and kept no credential afterwards.
        for (int rank = 0; rank < 2; rank++) {
            assertCopiedOnNode(c, rank, 3);
            assertThat(sky.nodeHome(c, rank).resolve("data/sub/b.txt")).hasContent("beta-content");
        }

        List<Map<String, Object>> rows = storage();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "sky-e2e-copy").containsEntry("created_by_sky", true)
                .containsEntry("persistent", false).containsEntry("status", "READY")
                .containsEntry("clusters", List.of(c));

        // Same launch again: nothing changed, nothing sent, no second bucket.
        CommandResult again = sky.run("launch", "-c", c, "-y", "--infra", "local", task);
        assertThat(again).succeeded();
        assertThat(again.stdout() + again.stderr()).contains("0 of 3 file(s) sent", unscoped)
                .doesNotContain("is large");
        assertCopiedOnNode(c, 1, 0);

        // COPY on this machine (the local cloud) needs rclone here: refused up front without it.
        String copyMore = sky.task("copy-more.yaml", "file_mounts:\n  ~/more:\n    name: sky-e2e-never\n"
                + "    mode: COPY\nrun: echo should-not-run\n");
        CommandResult noRclone = sky.run(Map.of("PATH", pathWithout("rclone")), "exec", c, copyMore);
        assertThat(noRclone).exitedWith(3).noStackTrace().errContains("cannot COPY",
                "rclone is not installed on this machine");

        // Exec on the existing cluster of a task this machine cannot mount: refused up front, nothing created.
        String mount = sky.task("mount-here.yaml", "file_mounts:\n  ~/m:\n    name: sky-e2e-never\n    mode: MOUNT\n"
                + "run: echo should-not-run\n");
        int jobs = sky.jobs(c).size();
        CommandResult exec = sky.run(Map.of("PATH", pathWithout("rclone")), "exec", c, mount);
        assertThat(exec).exitedWith(3).noStackTrace().errContains("cannot MOUNT",
                "rclone is not installed on this machine");
        assertThat(buckets()).doesNotContain("sky-e2e-never");
        assertThat(storage()).extracting(m -> m.get("name")).containsExactly("sky-e2e-copy");
        assertThat(sky.jobs(c)).hasSize(jobs);

        assertThat(sky.run("storage", "delete", "-y", "sky-e2e-copy")).exitedWith(4); // still used by the cluster
        Path manifests = sky.skyHome().resolve("storage/uploads");
        try (Stream<Path> s = Files.list(manifests)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("s3-sky-e2e-copy-"))).hasSize(1);
        }
        assertThat(sky.run("down", "-y", c)).succeeded();
        assertThat(bucket).doesNotExist();
        assertThat(storage()).isEmpty();
        try (Stream<Path> s = Files.list(manifests)) {
            assertThat(s).as("the upload manifest goes with the bucket").isEmpty();
        }
    }

    @Test
    void mountAndCachedMountOrTheUpFrontRefusal() throws Exception {
        String c = "st-mount";
        // STS for the node keys: the emulator takes the profile's key and hands out the key s3proxy's second
        // identity accepts.
        Ec2Emulator sts = Ec2Emulator.start(EmulatorOptions.fast().withCredentials(S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY));
        sts.sts().issueFederationKeys(NODE_KEY, NODE_SECRET);
        Files.writeString(sky.skyHome().resolve("config.yaml"), "aws:\n  s3:\n    endpoint: " + s3.endpoint()
                + "\n    sts_endpoint: " + sts.endpoint() + "\n");
        try {
            mountAndCachedMount(c, sts);
        } finally {
            sts.close();
        }
    }

    private void mountAndCachedMount(String c, Ec2Emulator sts) throws Exception {
        // .dat, not .txt: s3proxy on Jetty 11 rejects the signature of a Content-Type with a charset (rclone sends
        // "text/plain; charset=utf-8" for .txt); real S3 does not.
        String task = sky.task("mount.yaml", "name: mount\nfile_mounts:\n"
                + "  ~/direct:\n    name: sky-e2e-direct\n    mode: MOUNT\n"
                + "  ~/ckpt:\n    name: sky-e2e-cached\n    mode: MOUNT_CACHED\n"
                + "run: echo direct-write > ~/direct/d.dat && head -c 300000 /dev/urandom > ~/ckpt/big.bin"
                + " && echo ckpt-write > ~/ckpt/out.dat && echo wrote\n");
        // A bad node key lifetime is refused in one line before anything is created.
        Path config = sky.skyHome().resolve("config.yaml");
        String good = Files.readString(config);
        Files.writeString(config, good + "    node_credentials_hours: 48\n");
        assertThat(sky.run("launch", "-c", c, "-y", "--infra", "local", task)).exitedWith(2).noStackTrace()
                .errContains("aws.s3.node_credentials_hours must be a whole number of hours from 1 to 36");
        assertThat(sky.cluster(c)).isEmpty();
        assertThat(storage()).isEmpty();
        Files.writeString(config, good);

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

        // Scoped credentials: one rclone remote per mount holding an STS key for that bucket alone; the profile's
        // key is nowhere on the node, and no credential file was copied.
        String said = r.stdout() + r.stderr();
        assertThat(said).contains("Node credentials for s3://sky-e2e-direct expire at ",
                "Node credentials for s3://sky-e2e-cached expire at ").doesNotContain("Warning: s3://", NODE_SECRET);
        Path node = sky.nodeHome(c, 0);
        List<Path> confs;
        try (Stream<Path> s = Files.walk(node.resolve(".sky"))) {
            confs = s.filter(p -> p.getFileName().toString().equals("rclone.conf")).toList();
        }
        assertThat(confs).hasSize(2);
        for (Path conf : confs) {
            String text = Files.readString(conf);
            assertThat(text.lines().filter(l -> l.startsWith("["))).hasSize(1);
            assertThat(text).contains("access_key_id = " + NODE_KEY, "secret_access_key = " + NODE_SECRET,
                    "session_token = ").doesNotContain(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, CANARY,
                    "AKIAOTHER");
            assertThat(Files.getPosixFilePermissions(conf)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        assertThat(node.resolve(".aws")).doesNotExist();
        for (Path p : NodeFiles.outsideMounts(node, Set.of(node.resolve("direct"), node.resolve("ckpt")))) {
            assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)).as("%s", p)
                    .doesNotContain(S3ProxyServer.ACCESS_KEY).doesNotContain(S3ProxyServer.SECRET_KEY);
        }
        try (Stream<Path> s = Files.walk(sky.skyHome())) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/local/")).toList()) {
                assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s", p).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(NODE_SECRET);
            }
        }
        // STS was asked once per mount, each time with a policy naming that bucket and nothing else.
        List<String> policies = sts.ledger().calls("GetFederationToken").stream()
                .map(call -> call.params().get("Policy")).toList();
        assertThat(policies).hasSize(2);
        for (String bucketName : List.of("sky-e2e-direct", "sky-e2e-cached")) {
            assertThat(policies).filteredOn(pol -> pol.contains("arn:aws:s3:::" + bucketName + "\""))
                    .singleElement().satisfies(pol -> {
                        assertThat(pol).contains("arn:aws:s3:::" + bucketName + "/*");
                        assertThat(pol.split("arn:aws:s3:::", -1)).hasSize(3); // those two resources only
                    });
        }
        // With the node's own rclone.conf: the mounted bucket answers, another bucket refuses.
        Files.createDirectories(s3.dataDir().resolve(PRIVATE_BUCKET));
        Files.writeString(s3.dataDir().resolve(PRIVATE_BUCKET + "/secret.dat"), "not for the node");
        Path conf = confs.get(0);
        String remote = Files.readString(conf).lines().filter(l -> l.startsWith("[")).findFirst().orElseThrow()
                .replaceAll("[\\[\\]]", "");
        String mounted = remote.substring("sky-".length()); // the remote is named after its bucket
        assertThat(NodeFiles.rclone(conf, "lsf", remote + ":" + mounted)[0]).as("the mounted bucket").isEqualTo("0");
        String[] refused = NodeFiles.rclone(conf, "lsf", remote + ":" + PRIVATE_BUCKET);
        assertThat(refused[0]).isNotEqualTo("0");
        assertThat(refused[1]).contains("403").doesNotContain("secret.dat");
        NodeFiles.deleteTree(s3.dataDir().resolve(PRIVATE_BUCKET));

        assertThat(sky.run("down", "-y", c)).succeeded();
        // Persistent (the default): the buckets stay, recorded, used by no cluster.
        assertThat(cached.resolve("out.dat")).exists();
        assertThat(storage()).extracting(m -> m.get("name")).containsExactly("sky-e2e-cached", "sky-e2e-direct");
        assertThat(sky.run("storage", "delete", "-y", "-a")).succeeded();
        assertThat(cached).doesNotExist();
        assertThat(storage()).isEmpty();
    }

    @Test
    void killMinus9DuringAnUploadThenTheSameLaunchFinishesItWithoutASecondBucket() throws Exception {
        int n = 500;
        Path data = Files.createDirectories(dir.resolve("big"));
        Random random = new Random(7);
        Map<String, String> md5 = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[512 + random.nextInt(4096)];
            random.nextBytes(b);
            // Flat keys: s3proxy's filesystem backend stalls for seconds on each folder it empties when deleting.
            String key = "f" + i + ".bin";
            Files.write(data.resolve(key), b);
            md5.put(key, md5(b));
        }
        String name = "sky-e2e-kill";
        Set<String> bucketsBefore = buckets();
        String c = "st-kill";
        String task = sky.task("kill.yaml", "name: kill\nfile_mounts:\n  ~/big:\n    name: " + name + "\n"
                + "    source: " + data + "\n    mode: COPY\n    persistent: false\n"
                + "run: echo files=$(find ~/big -type f | wc -l)\n");

        // kill -9 once the first objects are in: the upload is under way and most of it is still to come.
        Background first = sky.start("launch", "-c", c, "-y", "--infra", "local", task);
        Path bucket = s3.dataDir().resolve(name);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (objects(bucket).isEmpty()) {
            assertThat(first.isAlive()).as("sky launch ended before uploading: %s", first.err()).isTrue();
            assertThat(System.nanoTime()).as("no object within 3 minutes").isLessThan(deadline);
            Thread.sleep(10);
        }
        first.kill();
        assertThat(first.await(Duration.ofMinutes(1)).exitCode()).isEqualTo(137);
        int partial = objects(bucket).size();
        assertThat(partial).as("objects in the bucket at the kill").isBetween(1, n - 1);
        assertThat(storage()).singleElement().satisfies(row -> assertThat(row).containsEntry("name", name)
                .containsEntry("status", "INIT").containsEntry("created_by_sky", true));

        CommandResult again = sky.run("launch", "-c", c, "-y", "--infra", "local", task);
        assertThat(again).succeeded().noStackTrace().outContains("files=" + n);
        assertCopiedOnNode(c, 0, n);
        String said = again.stdout() + again.stderr();
        assertThat(said).contains("Uploading " + n + " file(s)").doesNotContain("Creating bucket");
        Matcher sent = Pattern.compile("(\\d+) of " + n + " file\\(s\\) sent").matcher(said);
        assertThat(sent.find()).as(said).isTrue();
        int resent = Integer.parseInt(sent.group(1));
        assertThat(resent).as("files sent again after the kill").isPositive().isLessThan(n);
        System.out.println("[reliability] storage: kill -9 mid-upload with " + partial + " of " + n + " objects in;"
                + " the same launch sent " + resent + " more");

        // One bucket, one row, sky's, READY; every object is there and equals its local file.
        assertThat(buckets()).isEqualTo(union(bucketsBefore, name));
        assertThat(storage()).singleElement().satisfies(row -> assertThat(row).containsEntry("status", "READY")
                .containsEntry("created_by_sky", true).containsEntry("clusters", List.of(c)));
        Map<String, String> stored = new TreeMap<>();
        for (String key : objects(bucket)) {
            stored.put(key, md5(Files.readAllBytes(bucket.resolve(key))));
        }
        assertThat(stored).isEqualTo(md5);

        assertThat(sky.run("down", "-y", c)).succeeded();
        assertThat(bucket).doesNotExist();
        assertThat(buckets()).isEqualTo(bucketsBefore);
        assertThat(storage()).isEmpty();
    }

    /**
     * The node's COPY folder shows that rclone ran there ({@code copied}: time and objects fetched) and that no
     * rclone.conf is left (COPY keeps no credential on the node); its log holds no secret.
     */
    private void assertCopiedOnNode(String cluster, int rank, int fetched) throws IOException {
        List<Path> copied;
        try (Stream<Path> s = Files.walk(sky.nodeHome(cluster, rank).resolve(".sky"))) {
            copied = s.filter(p -> p.getFileName().toString().equals("copied")).toList();
        }
        assertThat(copied).as("COPY records on node %s", rank).hasSize(1);
        Path folder = copied.get(0).getParent();
        assertThat(folder.getParent().getFileName().toString()).isEqualTo("storage");
        assertThat(Files.readString(copied.get(0))).contains(" " + fetched + " object(s) fetched");
        assertThat(folder.resolve("mode")).hasContent("COPY");
        assertThat(folder.resolve("rclone.conf")).doesNotExist();
        assertThat(Files.readString(folder.resolve("rclone.log"))).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    /** The object keys under a bucket folder of s3proxy's filesystem backend. */
    private static List<String> objects(Path bucket) throws IOException {
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(bucket)) {
            return s.filter(Files::isRegularFile).map(p -> bucket.relativize(p).toString()).sorted().toList();
        }
    }

    /** s3proxy's buckets: the folders of its filesystem backend. */
    private static Set<String> buckets() throws IOException {
        try (Stream<Path> s = Files.list(s3.dataDir())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> union(Set<String> set, String one) {
        Set<String> u = new TreeSet<>(set);
        u.add(one);
        return u;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** A PATH like the tests' own with {@code tool} left out: a folder of links to every other program on it. */
    private String pathWithout(String tool) throws IOException {
        Path pathWithoutDir = Files.createDirectories(dir.resolve("path-without-" + tool));
        for (String d : System.getenv("PATH").split(":")) {
            Path folder = Path.of(d.isEmpty() ? "." : d);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : s.toList()) {
                    Path link = pathWithoutDir.resolve(p.getFileName().toString());
                    if (!p.getFileName().toString().equals(tool) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        }
        return pathWithoutDir.toString();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> storage() {
        CommandResult ls = sky.run("storage", "ls", "--json");
        assertThat(ls).succeeded();
        return (List<Map<String, Object>>) Json.parse(ls.stdout().strip());
    }
}
