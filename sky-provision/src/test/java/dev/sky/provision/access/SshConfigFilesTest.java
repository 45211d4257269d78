package dev.sky.provision.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigFilesTest {
    @TempDir
    Path home;

    private final String key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 node";

    @Test
    void opensshResolvesHeadAndWorkerAliases() throws Exception {
        SshConfigFiles files = new SshConfigFiles(home.resolve("sky/generated/ssh"), home.resolve("sky/keys/sky-key"));
        files.write("demo", List.of(new SshHost("demo", "127.0.1.2", 2200, "alice", key),
                new SshHost("demo-worker1", "127.0.1.3", 2200, "alice", key)));
        Path userConfig = home.resolve(".ssh/config");
        Files.createDirectories(userConfig.getParent());
        Files.writeString(userConfig, "Host other\n  User bob\n");
        assertThat(files.installInclude(userConfig)).isTrue();
        assertThat(files.installInclude(userConfig)).isFalse();
        assertThat(Files.readString(userConfig)).startsWith("# Added by sky").contains("Host other");
        assertThat(Files.readString(files.knownHostsFile("demo"))).contains("sky-demo-worker1 ssh-rsa");

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "ssh not installed");
        String resolved = sshG(userConfig, "demo-worker1");
        assertThat(resolved).contains("hostname 127.0.1.3").contains("port 2200").contains("user alice")
                .contains("stricthostkeychecking true").contains("hostkeyalias sky-demo-worker1");
        files.remove("demo");
        assertThat(sshG(userConfig, "demo-worker1")).contains("hostname demo-worker1");
    }

    private static String sshG(Path config, String host) throws Exception {
        Process p = new ProcessBuilder("ssh", "-G", "-F", config.toString(), host).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes());
    }
}
