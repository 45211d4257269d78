package dev.sky.clouds.aws.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsCredentialCheckTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir Path home;
    private final Map<String, String> env = new HashMap<>();

    private CredentialStatus check() {
        CredentialStatus s = new AwsCredentialCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home)),
                NOW).run();
        assertThat(String.valueOf(s)).as("no secret in any field").doesNotContain(SECRET).doesNotContain("sso-token");
        return s;
    }

    private void write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void nothingConfiguredIsDisabledWithTheAwsConfigureHint() {
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).startsWith("AWS credentials not found");
        assertThat(s.hint()).contains("aws configure").contains("aws sso login");
    }

    @Test
    void environmentKeysEnableWithAMaskedKeyId() {
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.capabilities()).containsExactly("compute", "storage");
        assertThat(s.identity()).contains("AKIA…MPLE").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void keyIdWithoutSecretSaysWhatIsMissing() {
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("AWS_SECRET_ACCESS_KEY is not");
    }

    @Test
    void defaultProfileInTheCredentialsFile() throws IOException {
        write(".aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                + SECRET + "\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("profile 'default' (shared credentials file, access key AKIA…MPLE)");
    }

    @Test
    void awsProfileSelectsANamedProfileFromTheConfigFile() throws IOException {
        write(".aws/config", "[default]\nregion = us-east-1\n[profile work]\naws_access_key_id = AKIAIOSFODNN7WORK1\n"
                + "aws_secret_access_key = " + SECRET + "\n");
        env.put("AWS_PROFILE", "work");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).startsWith("profile 'work' (config file");
    }

    @Test
    void unknownAwsProfileIsNamedInTheReason() throws IOException {
        write(".aws/credentials", "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
        env.put("AWS_PROFILE", "nope");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("profile 'nope' (from AWS_PROFILE) is not in");
    }

    @Test
    void honoursAlternativeFileLocations() throws IOException {
        write("elsewhere/creds", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("elsewhere/creds").toString());
        assertThat(check().enabled()).isTrue();
        env.put("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/missing");
        assertThat(check().enabled()).isFalse();
    }

    @Test
    void ssoProfileWithAValidCachedLogin() throws IOException {
        write(".aws/config", """
                [profile dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Admin
                region = us-west-2
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """);
        env.put("AWS_PROFILE", "dev");
        CredentialStatus missing = check();
        assertThat(missing.enabled()).isFalse();
        assertThat(missing.reason()).contains("has not logged in");
        assertThat(missing.hint()).isEqualTo("Run: aws sso login --profile dev");

        write(".aws/sso/cache/" + SsoTokenCache.sha1("corp") + ".json",
                "{\"accessToken\": \"sso-token\", \"expiresAt\": \"2025-06-01T13:00:00Z\"}");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("profile 'dev' (SSO, account 111122223333, role Admin)");
    }

    @Test
    void expiredSsoLoginIsDisabledWithTheLoginHint() throws IOException {
        write(".aws/config", "[default]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_account_id = 1\nsso_role_name = R\n");
        write(".aws/sso/cache/" + SsoTokenCache.sha1("https://corp.awsapps.com/start") + ".json",
                "{\"accessToken\": \"sso-token\", \"expiresAt\": \"2025-06-01T11:00:00UTC\"}");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("expired");
        assertThat(s.hint()).isEqualTo("Run: aws sso login --profile default");
    }

    @Test
    void ssoSessionThatDoesNotExist() throws IOException {
        write(".aws/config", "[default]\nsso_session = ghost\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("sso_session 'ghost'");
    }

    @Test
    void credentialProcessIsEnabledWithoutShowingTheCommand() throws IOException {
        write(".aws/config", "[default]\ncredential_process = /opt/bin/creds --token " + SECRET + "\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("profile 'default' (credential_process)");
    }

    @Test
    void assumedRoleNeedsAUsableSourceProfile() throws IOException {
        write(".aws/config", "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
                + "source_profile = base\n");
        env.put("AWS_PROFILE", "admin");
        CredentialStatus broken = check();
        assertThat(broken.enabled()).isFalse();
        assertThat(broken.reason()).contains("source_profile 'base'");

        write(".aws/credentials", "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                + SECRET + "\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).contains("arn:aws:iam::123456789012:role/Admin").contains("via profile 'base'");
    }

    @Test
    void sourceProfileLoopIsReported() throws IOException {
        write(".aws/config", "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
                + "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n");
        env.put("AWS_PROFILE", "a");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("loop");
    }

    @Test
    void profileWithoutCredentialsSaysSo() throws IOException {
        write(".aws/config", "[default]\nregion = us-east-1\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).isEqualTo(
                "profile 'default' has no credentials (no access key, SSO, credential_process or role_arn)");
    }

    @Test
    void containerCredentialsWhenNoProfile() {
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
        assertThat(check().enabled()).isTrue();
    }

    @Test
    void webIdentityFromTheEnvironment() {
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token");
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/Pod");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).contains("role arn:aws:iam::123456789012:role/Pod");
    }
}
