package dev.sky.clouds.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshCloudTest {
    private static final String PASSWORD = "hunter2-sudo-password";

    @TempDir Path home;
    private final SshCloud ssh = new SshCloud();

    private SkyPaths paths() {
        return new SkyPaths(home.resolve(".skyj"), home);
    }

    private CredentialStatus check() {
        CredentialStatus s = ssh.check(new CheckContext(Map.of(), paths()));
        assertThat(String.valueOf(s)).doesNotContain(PASSWORD);
        return s;
    }

    private void write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void noPoolsFileIsDisabledWithAnExample() {
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).startsWith("no SSH node pools in ").endsWith("ssh_node_pools.yaml");
        assertThat(s.hint()).contains("hosts:");
    }

    @Test
    void poolsWithHostsAreEnabledAndBrokenOnesExplained() throws IOException {
        write(".ssh/id_pool", "not a real key");
        write(".skyj/ssh_node_pools.yaml", """
                lab:
                  user: ubuntu
                  identity_file: ~/.ssh/id_pool
                  password: %s
                  hosts:
                    - 127.0.0.1
                    - ip: 127.0.0.2
                      user: admin
                      port: 2222
                empty:
                  hosts: []
                badkey:
                  identity_file: ~/.ssh/missing
                  hosts: [127.0.0.3]
                """.formatted(PASSWORD));
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.identity()).isEqualTo("node pools lab");
        assertThat(s.details()).containsExactly("Allowed node pools:",
                "\u251c\u2500\u2500 ssh-lab: disabled. Reason: Not set up. Use `sky ssh up --infra lab` to set up.",
                "\u251c\u2500\u2500 ssh-empty: disabled. Reason: no hosts listed",
                "\u2514\u2500\u2500 ssh-badkey: disabled. Reason: hosts[0]: identity_file ~/.ssh/missing does not exist");
    }

    @Test
    void allowedNodePoolsFilters() throws IOException {
        write(".skyj/ssh_node_pools.yaml", "a:\n  hosts: [127.0.0.1]\nb:\n  hosts: [127.0.0.2]\n");
        write(".skyj/config.yaml", "ssh:\n  allowed_node_pools: [b]\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isTrue();
        assertThat(s.details()).containsExactly("Allowed node pools:",
                "\u2514\u2500\u2500 ssh-b: disabled. Reason: Not set up. Use `sky ssh up --infra b` to set up.");
    }

    @Test
    void unparsableFileNamesTheSpot() throws IOException {
        write(".skyj/ssh_node_pools.yaml", "a:\n  hosts: [127.0.0.1\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).matches(".*ssh_node_pools\\.yaml:\\d+:\\d+: invalid YAML");
    }

    @Test
    void onlyBrokenPoolsMeansDisabled() throws IOException {
        write(".skyj/ssh_node_pools.yaml", "a:\n  hosts:\n    - user: x\n");
        CredentialStatus s = check();
        assertThat(s.enabled()).isFalse();
        assertThat(s.reason()).isEqualTo("no usable SSH node pool");
        assertThat(s.details()).containsExactly("Allowed node pools:",
                "\u2514\u2500\u2500 ssh-a: disabled. Reason: hosts[0]: no address (give a host name or 'ip')");
    }

    @Test
    void launchingIsSupportedStopIsNotAndNoRecordsMeanNoOfferings() {
        assertThat(ssh.unsupported()).doesNotContainKey(CloudFeature.PROVISION);
        assertThat(ssh.unsupported()).containsKeys(CloudFeature.SPOT, CloudFeature.STOP);
        assertThat(ssh.computedOfferings()).isTrue();
        assertThat(ssh.offerings(paths()).rows()).isEmpty();
    }
}
