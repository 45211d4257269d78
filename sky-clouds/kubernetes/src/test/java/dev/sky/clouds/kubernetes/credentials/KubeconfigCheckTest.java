package dev.sky.clouds.kubernetes.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigCheckTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldC10b2tlbiJ9";

    @TempDir Path home;
    private final Map<String, String> env = new HashMap<>();

    private static final String TWO_CONTEXTS = """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev-cluster
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: LS0tLS1CRUdJTg==
            - name: prod-cluster
              cluster:
                server: https://127.0.0.2:6443
            contexts:
            - name: dev
              context:
                cluster: dev-cluster
                user: dev-user
                namespace: team-a
            - name: prod
              context:
                cluster: prod-cluster
                user: prod-user
            users:
            - name: dev-user
              user:
                token: %s
            - name: prod-user
              user:
                client-key-data: %s
            """.formatted(TOKEN, TOKEN);

    private CredentialStatus check() {
        CredentialStatus s = new KubeconfigCheck(new CheckContext(env, new SkyPaths(home.resolve(".skyj"), home))).run();
        assertThat(String.valueOf(s)).doesNotContain(TOKEN);
        return s;
    }

    private Path write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void noKubeconfigIsDisabledWithAHint() {
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).startsWith("no kubeconfig found at ").contains(".kube/config");
        assertThat(s.hint()).contains("KUBECONFIG");
    }

    @Test
    void currentContextOfTwoIsChecked() throws IOException {
        write(".kube/config", TWO_CONTEXTS);
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.capabilities()).containsExactly("compute");
        assertThat(s.identity()).isEqualTo("context 'dev' (cluster dev-cluster, namespace team-a)");
        assertThat(s.details()).containsExactly("dev");
    }

    @Test
    void allowedContextsFromConfigAreEachReported() throws IOException {
        write(".kube/config", TWO_CONTEXTS);
        write(".skyj/config.yaml", "kubernetes:\n  allowed_contexts: [prod, dev, staging]\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).startsWith("context 'prod'");
        assertThat(s.details()).containsExactly("prod", "dev",
                "staging: disabled. Reason: context not found in kubeconfig");
    }

    @Test
    void noCurrentContextNeedsOne() throws IOException {
        write(".kube/config", TWO_CONTEXTS.replace("current-context: dev\n", ""));
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).isEqualTo("the kubeconfig sets no current context");
        assertThat(s.hint()).contains("kubectl config use-context");
    }

    @Test
    void contextPointingAtAMissingClusterIsUnusable() throws IOException {
        write(".kube/config", TWO_CONTEXTS.replace("cluster: dev-cluster", "cluster: gone"));
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).contains("cluster 'gone' is not in kubeconfig");
        assertThat(s.details()).containsExactly("dev: disabled. Reason: cluster 'gone' is not in kubeconfig");
    }

    @Test
    void kubeconfigVariableMergesFilesFirstOneWinning() throws IOException {
        Path a = write("a.yaml", """
                current-context: from-a
                contexts:
                - name: from-a
                  context: {cluster: c, user: u}
                """);
        Path b = write("b.yaml", """
                current-context: from-b
                clusters:
                - name: c
                  cluster: {server: https://127.0.0.1:6443}
                users:
                - name: u
                  user: {token: %s}
                """.formatted(TOKEN));
        env.put("KUBECONFIG", a + File.pathSeparator + home.resolve("missing.yaml") + File.pathSeparator + b);
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("context 'from-a' (cluster c)");
    }

    @Test
    void brokenKubeconfigNamesTheSpotButNotTheContent() throws IOException {
        write(".kube/config", "users:\n- name: u\n  user: {token: " + TOKEN + "\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).matches(".*\\.kube/config:\\d+:\\d+: invalid YAML");
    }
}
