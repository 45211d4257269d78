package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets from {@code --secret} and from the YAML's {@code secrets:} reach the job's environment and nowhere
 * else: not sky's output, not SKY_HOME's logs or state files, not any process's command line while the job runs.
 * The job compares each value with its SHA-256 (the script never holds a secret) and prints only yes or no.
 */
class SecretsIT {
    static final String C = "secret-e2e";
    static final int PS_SAMPLES = 20;

    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeEach
    void setUp() {
        sky = new LocalSky(dir);
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void secretsReachTheJobAndAppearNowhereElse() throws Exception {
        String flagSecret = canary();
        String yamlSecret = canary();
        String task = sky.task("secret.yaml", """
                name: secret-check
                resources:
                  infra: local
                secrets:
                  YAML_TOKEN: %s
                run: |
                  check() {
                    if [ "$(printf '%%s' "$2" | sha256sum | cut -c1-64)" = "$3" ]; then echo "$1=yes"; else echo "$1=no"; fi
                  }
                  check FLAG_TOKEN "$FLAG_TOKEN" %s
                  check YAML_TOKEN "$YAML_TOKEN" %s
                  while [ ! -f ~/release-secret ]; do sleep 0.05; done
                """.formatted(yamlSecret, sha256(flagSecret), sha256(yamlSecret)));

        Background launch = sky.start("launch", "-c", C, "-y", "--secret", "FLAG_TOKEN=" + flagSecret, task);
        launch.awaitOutput("YAML_TOKEN=", LocalSky.LAUNCH_BOUND);

        // While the job runs, nobody on the machine sees a secret in a command line.
        for (int i = 0; i < PS_SAMPLES; i++) {
            String ps = Procs.psArgs();
            assertThat(ps).doesNotContain(yamlSecret);
            // The test's own launch has --secret on its command line: that is the user's choice, not sky's leak.
            assertThat(ps.lines().filter(l -> !l.contains("--secret")).filter(l -> l.contains(flagSecret)))
                    .as("a process other than the user's own command holds the --secret value").isEmpty();
        }
        Files.createFile(sky.nodeHome(C, 0).resolve("release-secret"));
        CommandResult r = launch.await(LocalSky.WAIT_BOUND);

        assertThat(r).succeeded().outContains("FLAG_TOKEN=yes", "YAML_TOKEN=yes");
        for (String secret : List.of(flagSecret, yamlSecret)) {
            assertThat(r.stdout()).doesNotContain(secret);
            assertThat(r.stderr()).doesNotContain(secret);
            assertThat(sky.run("queue", C, "--json").stdout()).doesNotContain(secret);
            assertThat(sky.run("status", "--json").stdout()).doesNotContain(secret);
            assertThat(sky.run("logs", C, "--no-follow").stdout()).doesNotContain(secret);
            for (byte[] db : StateDb.rawFiles(sky.skyHome())) {
                assertThat(contains(db, secret)).as("state.db files hold a secret").isFalse();
            }
            for (Path f : filesOutsideNodeDisks()) {
                assertThat(contains(Files.readAllBytes(f), secret)).as("%s holds a secret", f).isFalse();
            }
        }
    }

    /**
     * Every file under SKY_HOME that sky itself writes: all of it except the nodes' disks, where the job's 0600 env
     * file legitimately holds the secrets; the nodes' sky_logs are included.
     */
    private List<Path> filesOutsideNodeDisks() throws IOException {
        List<Path> out = new ArrayList<>();
        Path local = sky.skyHome().resolve("local");
        try (Stream<Path> all = Files.walk(sky.skyHome())) {
            all.filter(Files::isRegularFile).forEach(f -> {
                Path rel = local.relativize(f);
                boolean onNodeDisk = f.startsWith(local) && rel.getNameCount() > 2
                        && rel.getName(1).toString().startsWith("node-");
                boolean nodeLog = onNodeDisk && rel.getName(2).toString().equals("sky_logs");
                if (!onNodeDisk || nodeLog) {
                    out.add(f);
                }
            });
        }
        assertThat(out).as("files to scan").isNotEmpty();
        return out;
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static String canary() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return "canary" + HexFormat.of().formatHex(b);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
