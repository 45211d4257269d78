package dev.sky.clouds.azure.credentials;

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

class AzureCredentialCheckTest {
    private static final String SECRET = "Qx8Q~s3cr3t-client-secret-value";

    @TempDir Path home;
    private final Map<String, String> env = new HashMap<>();

    private CredentialStatus check() {
        CredentialStatus s = new AzureCredentialCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home))).run();
        assertThat(String.valueOf(s)).doesNotContain(SECRET);
        return s;
    }

    private void profile(String dir, String json) throws IOException {
        Path p = home.resolve(dir).resolve("azureProfile.json");
        Files.createDirectories(p.getParent());
        Files.writeString(p, "\uFEFF" + json); // the Azure CLI writes a byte-order mark
    }

    private static String subscriptions(boolean isDefault, String state) {
        return """
                {"installationId": "x", "subscriptions": [
                  {"id": "00000000-1111-2222-3333-444444444444", "name": "Dev", "state": "%s",
                   "user": {"name": "me@example.com", "type": "user"}, "isDefault": %s,
                   "tenantId": "t", "environmentName": "AzureCloud"}]}
                """.formatted(state, isDefault);
    }

    @Test
    void noLoginIsDisabledWithTheAzLoginHint() {
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("Azure CLI login not found");
        assertThat(s.hint()).contains("az login").contains("az account set");
    }

    @Test
    void cliLoginWithADefaultSubscription() throws IOException {
        profile(".azure", subscriptions(true, "Enabled"));
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("me@example.com, subscription Dev (00000000-1111-2222-3333-444444444444)");
    }

    @Test
    void noDefaultSubscription() throws IOException {
        profile(".azure", subscriptions(false, "Enabled"));
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).isEqualTo("no default Azure subscription is set");
    }

    @Test
    void disabledSubscriptionIsReported() throws IOException {
        profile(".azure", subscriptions(true, "Disabled"));
        assertThat(check().reason()).contains("is Disabled");
    }

    @Test
    void loggedOutProfileHasNoSubscriptions() throws IOException {
        profile(".azure", "{\"installationId\": \"x\", \"subscriptions\": []}");
        assertThat(check().reason()).contains("not logged in");
    }

    @Test
    void azureConfigDirMovesTheProfile() throws IOException {
        profile("custom-az", subscriptions(true, "Enabled"));
        assertThat(check().enabled()).isFalse();
        env.put("AZURE_CONFIG_DIR", home.resolve("custom-az").toString());
        assertThat(check().enabled()).isTrue();
    }

    @Test
    void servicePrincipalFromTheEnvironment() {
        env.put("AZURE_CLIENT_ID", "app-id");
        env.put("AZURE_TENANT_ID", "tenant");
        env.put("AZURE_CLIENT_SECRET", SECRET);
        env.put("AZURE_SUBSCRIPTION_ID", "sub-id");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("service principal app-id, subscription sub-id");
    }

    @Test
    void incompleteServicePrincipalNamesTheMissingVariables() {
        env.put("AZURE_CLIENT_ID", "app-id");
        env.put("AZURE_CLIENT_SECRET", SECRET);
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("AZURE_TENANT_ID").contains("AZURE_SUBSCRIPTION_ID");
    }
}
