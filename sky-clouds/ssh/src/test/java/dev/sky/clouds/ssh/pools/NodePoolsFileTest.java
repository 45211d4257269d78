package dev.sky.clouds.ssh.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePoolsFileTest {
    @TempDir Path home;

    @Test
    void hostsInheritPoolDefaultsAndKeepNoPassword() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/key"), "k");
        Path file = Files.writeString(home.resolve("pools.yaml"), """
                gpu-box:
                  user: ubuntu
                  identity_file: ~/.ssh/key
                  password: secret-pw
                  hosts:
                    - 10.0.0.1
                    - {ip: 10.0.0.2, user: root, port: 2200}
                """);
        List<NodePool> pools = NodePoolsFile.read(file, home);
        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.usable()).isTrue();
            assertThat(p.hosts()).containsExactly(
                    new NodePool.Host("10.0.0.1", "ubuntu", 22, home.resolve(".ssh/key").toString()),
                    new NodePool.Host("10.0.0.2", "root", 2200, home.resolve(".ssh/key").toString()));
            assertThat(p.toString()).doesNotContain("secret-pw");
        });
    }

    @Test
    void badPortIsAProblemOfThatPool() throws Exception {
        Path file = Files.writeString(home.resolve("pools.yaml"), "p:\n  hosts:\n    - {ip: h, port: 99999}\n");
        assertThat(NodePoolsFile.read(file, home).get(0).problem()).contains("port must be a number");
    }

    @Test
    void missingOrEmptyFileHasNoPools() throws Exception {
        assertThat(NodePoolsFile.read(home.resolve("none.yaml"), home)).isEmpty();
        Path empty = Files.writeString(home.resolve("empty.yaml"), "# nothing\n");
        assertThat(NodePoolsFile.read(empty, home)).isEmpty();
    }

    @Test
    void aListAtTheTopIsUnreadable() throws IOException {
        Path file = Files.writeString(home.resolve("pools.yaml"), "- a\n");
        try {
            NodePoolsFile.read(file, home);
            throw new AssertionError("expected UnreadableException");
        } catch (NodePoolsFile.UnreadableException e) {
            assertThat(e.getMessage()).contains("expected a mapping of pool names");
        }
    }
}
