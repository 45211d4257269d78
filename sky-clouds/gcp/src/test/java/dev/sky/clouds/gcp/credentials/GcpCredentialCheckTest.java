package dev.sky.clouds.gcp.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpCredentialCheckTest {
    private static final String SECRET = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBg";
    private static final String REFRESH = "1//0refresh-token-value";

    @TempDir Path home;
    private final Map<String, String> env = new HashMap<>();

    private CredentialStatus check() {
        CredentialStatus s = new GcpCredentialCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home))).run();
        assertThat(String.valueOf(s)).doesNotContain(SECRET).doesNotContain(REFRESH);
        return s;
    }

    private Path write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private void userAdc() throws IOException {
        write(".config/gcloud/application_default_credentials.json", """
                {
                  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
                  "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty",
                  "refresh_token": "%s",
                  "type": "authorized_user"
                }
                """.formatted(REFRESH));
    }

    @Test
    void noAdcIsDisabledWithTheLoginHint() {
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("application default credentials not found");
        assertThat(s.hint()).contains("gcloud auth application-default login");
    }

    @Test
    void userAdcWithProjectFromTheGcloudConfiguration() throws IOException {
        userAdc();
        write(".config/gcloud/configurations/config_default", "[core]\naccount = me@example.com\nproject = my-proj\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("user me@example.com, project my-proj");
        assertThat(s.identity()).doesNotContain("d-FL95Q19q7MQmFpd7hHD0Ty");
    }

    @Test
    void userAdcWithoutAProjectNeedsOne() throws IOException {
        userAdc();
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).isEqualTo("no GCP project is set");
        assertThat(s.hint()).contains("gcloud config set project");
    }

    @Test
    void activeConfigNameSelectsTheConfiguration() throws IOException {
        userAdc();
        write(".config/gcloud/active_config", "work\n");
        write(".config/gcloud/configurations/config_work", "[core]\nproject = work-proj\n");
        assertThat(check().identity()).endsWith("project work-proj");
    }

    @Test
    void quotaProjectInTheAdcFileCounts() throws IOException {
        write(".config/gcloud/application_default_credentials.json",
                "{\"type\": \"authorized_user\", \"refresh_token\": \"" + REFRESH + "\", \"quota_project_id\": \"qp\"}");
        assertThat(check().identity()).endsWith("project qp");
    }

    @Test
    void serviceAccountKeyFromTheEnvironment() throws IOException {
        Path key = write("keys/sa.json", "{\n\t\"type\": \"service_account\",\n\t\"project_id\": \"sa-proj\",\n"
                + "\t\"private_key\": \"" + SECRET + "\",\n\t\"client_email\": \"bot@sa-proj.iam.gserviceaccount.com\"\n}");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", key.toString());
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("service account bot@sa-proj.iam.gserviceaccount.com, project sa-proj");
        env.put("GOOGLE_CLOUD_PROJECT", "override");
        assertThat(check().identity()).endsWith("project override");
    }

    @Test
    void missingExplicitKeyFileIsNamed() {
        env.put("GOOGLE_APPLICATION_CREDENTIALS", home.resolve("nope.json").toString());
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("GOOGLE_APPLICATION_CREDENTIALS points to").contains("nope.json");
    }

    @Test
    void cloudsdkConfigMovesTheGcloudFolder() throws IOException {
        write("gc/application_default_credentials.json", "{\"type\": \"authorized_user\"}");
        write("gc/configurations/config_default", "[core]\nproject = p\n");
        env.put("CLOUDSDK_CONFIG", home.resolve("gc").toString());
        assertThat(check().enabled()).isTrue();
    }

    @Test
    void garbageAdcFileIsReportedWithoutItsContent() throws IOException {
        write(".config/gcloud/application_default_credentials.json", "{ \"type\": " + SECRET);
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("not valid JSON");
    }
}
