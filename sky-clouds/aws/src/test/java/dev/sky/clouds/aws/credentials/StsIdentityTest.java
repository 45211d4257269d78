package dev.sky.clouds.aws.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sky check aws}: discovery, then one STS GetCallerIdentity call against the emulator. */
class StsIdentityTest {
    private static Ec2Emulator emulator;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private CredentialStatus check(Map<String, String> env) {
        return new AwsCredentialCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home))).run();
    }

    @Test
    void validCredentialsAreConfirmedWithOneCallAndShowTheAccount() {
        int before = emulator.ledger().count("GetCallerIdentity");
        CredentialStatus s = check(emulator.env());
        assertThat(s.enabled()).as(String.valueOf(s)).isTrue();
        assertThat(s.identity()).contains("123456789012").doesNotContain(emulator.options().secretAccessKey());
        assertThat(emulator.ledger().count("GetCallerIdentity") - before).isEqualTo(1);
    }

    @Test
    void rejectedCredentialsDisableTheCloudWithTheReason() {
        Map<String, String> env = new HashMap<>(emulator.env());
        env.put("AWS_ACCESS_KEY_ID", "AKIAWRONGWRONGWRONG1");
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret-00");
        CredentialStatus s = check(env);
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("rejected");
        assertThat(String.valueOf(s)).doesNotContain("not-the-secret-00");
    }

    @Test
    void anUnreachableStsDisablesTheCloudWithinTheBound() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        Map<String, String> env = new HashMap<>(emulator.env());
        env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + port);
        CredentialStatus s = new AwsCredentialCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home)),
                java.time.Instant.now(), new StsIdentity(env, home, Duration.ofSeconds(3))).run();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("could not confirm", "within 3 s");
    }

    @Test
    void noCredentialsMakeNoCall() {
        int before = emulator.ledger().calls().size();
        CredentialStatus s = check(Map.of("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString()));
        assertThat(s.enabled()).isFalse();
        assertThat(emulator.ledger().calls()).hasSize(before);
    }
}
