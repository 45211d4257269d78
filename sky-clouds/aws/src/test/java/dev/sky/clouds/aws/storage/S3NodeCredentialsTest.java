package dev.sky.clouds.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.clouds.aws.emulator.Ledger;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.S3ProxyServer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's S3 key: minted by STS (the EC2+STS emulator) with a policy naming only the mounted bucket, and, with
 * the real rclone against s3proxy holding a second identity for the minted key, unable to reach another bucket.
 */
class S3NodeCredentialsTest {
    static final String NODE_KEY = "ASIANODEKEY0000001";
    static final String NODE_SECRET = "node-scoped-secret-5e2a";

    @TempDir
    static Path dir;
    static S3ProxyServer server;
    static Ec2Emulator sts;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start(dir, new S3ProxyServer.SecondIdentity(NODE_KEY, NODE_SECRET,
                List.of("sky-private*")));
        // STS takes the same profile key as the store: the emulator accepts that one pair.
        sts = Ec2Emulator.start(EmulatorOptions.fast().withCredentials(S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (sts != null) {
            sts.close();
        }
    }

    @BeforeEach
    void clearLedger() {
        sts.ledger().clear();
    }

    @Test
    void nodeKeyIsMintedForTheBucketAndReachesNoOtherBucket() throws Exception {
        sts.sts().issueFederationKeys(NODE_KEY, NODE_SECRET);
        try (ObjectStore s = store("    sts_endpoint: " + sts.endpoint() + "\n    node_credentials_hours: 2\n",
                Map.of())) {
            s.createBucket("sky-mounted", null);
            s.createBucket("sky-private-data", null);
            Path f = Files.writeString(dir.resolve("m.dat"), "mounted-bytes");
            s.upload("sky-mounted", "m.dat", f);
            s.upload("sky-private-data", "p.dat", f);

            RcloneRemote remote = s.rcloneRemote("sky-mounted");
            assertThat(remote.options()).containsEntry("access_key_id", NODE_KEY)
                    .containsEntry("secret_access_key", NODE_SECRET).containsKey("session_token")
                    .doesNotContainValue(S3ProxyServer.ACCESS_KEY).doesNotContainValue(S3ProxyServer.SECRET_KEY);
            assertThat(remote.notices()).singleElement().asString()
                    .matches("Node credentials for s3://sky-mounted expire at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"
                            + " \\(aws.s3.node_credentials_hours: 2\\)\\.")
                    .doesNotContain(NODE_SECRET);

            List<Ledger.Call> calls = sts.ledger().calls("GetFederationToken");
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.outcome()).isEqualTo("ok");
                assertThat(c.params()).containsEntry("Name", "sky-sky-mounted")
                        .containsEntry("DurationSeconds", "7200")
                        .containsEntry("Policy", BucketSessionPolicy.json("sky-mounted", "us-east-1"));
            });

            Path conf = conf(remote);
            assertThat(rclone(conf, "cat", "r:sky-mounted/m.dat")).isEqualTo(new Result(0, "mounted-bytes"));
            Result other = rclone(conf, "lsf", "r:sky-private-data");
            assertThat(other.code()).isNotZero();
            assertThat(other.out()).contains("403").doesNotContain("p.dat");
            s.deleteBucket("sky-mounted");
            s.deleteBucket("sky-private-data");
        }
    }

    @Test
    void customEndpointWithoutStsKeepsTheProfileKeyWithOneWarning() {
        try (ObjectStore s = store("", Map.of())) {
            RcloneRemote remote = s.rcloneRemote("sky-nosts");
            assertThat(remote.options()).containsEntry("access_key_id", S3ProxyServer.ACCESS_KEY)
                    .doesNotContainKey("session_token");
            assertThat(remote.notices()).singleElement().asString().startsWith("Warning: s3://sky-nosts:")
                    .contains("aws.s3.sts_endpoint").doesNotContain(S3ProxyServer.SECRET_KEY);
        }
        assertThat(sts.ledger().count("GetFederationToken")).isZero();
    }

    @Test
    void sessionCredentialsAreNotSentToGetFederationToken() {
        try (ObjectStore s = store("    sts_endpoint: " + sts.endpoint() + "\n",
                Map.of("AWS_SESSION_TOKEN", "caller-session-token"))) {
            RcloneRemote remote = s.rcloneRemote("sky-session");
            assertThat(remote.notices()).singleElement().asString().contains("session credentials");
            assertThat(remote.options()).containsEntry("session_token", "caller-session-token");
        }
        assertThat(sts.ledger().count("GetFederationToken")).isZero();
    }

    @Test
    void stsRefusalIsOneLineWithTheFix() {
        Map<String, String> wrongKey = Map.of("AWS_ACCESS_KEY_ID", "AKIAWRONG", "AWS_SECRET_ACCESS_KEY", "nope");
        try (ObjectStore s = new S3StoreFactory().open(new StoreSettings(paths("    sts_endpoint: " + sts.endpoint()
                + "\n"), null, null, null, wrongKey))) {
            assertThatThrownBy(() -> s.rcloneRemote("sky-refused")).isInstanceOf(SkyException.class)
                    .hasMessageContaining("s3://sky-refused: minting the node's bucket-scoped key")
                    .hasMessageContaining("the credentials were refused (InvalidClientTokenId)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "nope", "Request ID"));
        }
    }

    private static ObjectStore store(String extraKeys, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        env.putAll(extraEnv);
        return new S3StoreFactory().open(new StoreSettings(paths(extraKeys), null, null, null, env));
    }

    private static SkyPaths paths(String extraKeys) {
        try {
            Path root = Files.createTempDirectory(dir, "sky");
            SkyPaths paths = new SkyPaths(Files.createDirectories(root.resolve("sky")),
                    Files.createDirectories(root.resolve("home")));
            Files.writeString(paths.config(), "aws:\n  s3:\n    endpoint: " + server.endpoint() + "\n" + extraKeys);
            return paths;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path conf(RcloneRemote remote) throws Exception {
        StringBuilder conf = new StringBuilder("[r]\ntype = s3\n");
        remote.options().forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
        return Files.writeString(Files.createTempFile(dir, "rclone", ".conf"), conf);
    }

    record Result(int code, String out) {}

    private static Result rclone(Path conf, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rclone", "--config", conf.toString(), "--retries", "1",
                "--low-level-retries", "1"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_")); // as on a node: only the remote's keys
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
