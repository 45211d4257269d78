package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** The emulator's STS GetFederationToken through the real SDK: the issued keys, the ledger, AWS's refusals. */
class Ec2EmulatorStsTest {
    static Ec2Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void issuesTheTestsKeysAndRecordsThePolicy() {
        emulator.ledger().clear();
        emulator.sts().issueFederationKeys("ASIAFIRST", "first-secret").issueFederationKeys("ASIASECOND", "s2");
        try (StsClient sts = EmulatorClients.sts(emulator, emulator.options().accessKeyId())) {
            Credentials a = sts.getFederationToken(b -> b.name("sky-b1").policy("{\"Version\":\"2012-10-17\"}")
                    .durationSeconds(3600)).credentials();
            assertThat(a.accessKeyId()).isEqualTo("ASIAFIRST");
            assertThat(a.secretAccessKey()).isEqualTo("first-secret");
            assertThat(a.sessionToken()).isNotBlank();
            assertThat(a.expiration()).isAfter(java.time.Instant.now().plusSeconds(3500));
            assertThat(sts.getFederationToken(b -> b.name("sky-b2")).credentials().accessKeyId())
                    .isEqualTo("ASIASECOND");
            assertThat(sts.getFederationToken(b -> b.name("sky-b3")).credentials().accessKeyId())
                    .as("the last pair is handed out again").isEqualTo("ASIASECOND");
        }
        assertThat(emulator.ledger().calls("GetFederationToken")).first().satisfies(c ->
                assertThat(c.params()).containsEntry("Policy", "{\"Version\":\"2012-10-17\"}")
                        .containsEntry("Name", "sky-b1").containsEntry("DurationSeconds", "3600"));
    }

    @Test
    void badValuesAreRefusedAsAwsDoes() {
        try (StsClient sts = EmulatorClients.sts(emulator, emulator.options().accessKeyId())) {
            assertThatThrownBy(() -> sts.getFederationToken(b -> b.policy("{}")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(code(e)).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("x")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(code(e)).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("sky-ok").durationSeconds(129_601)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(code(e)).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("sky-ok").policy("not json")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(code(e)).isEqualTo("MalformedPolicyDocument"));
        }
    }

    @Test
    void sessionCredentialsAreRefused() {
        try (StsClient sts = StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        emulator.options().accessKeyId(), emulator.options().secretAccessKey(), "a-session")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("sky-b")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(code(e)).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    private static String code(StsException e) {
        return e.awsErrorDetails().errorCode();
    }
}
