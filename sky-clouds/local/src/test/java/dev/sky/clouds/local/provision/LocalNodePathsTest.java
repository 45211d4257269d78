package dev.sky.clouds.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalNodePathsTest {
    private final Path home = Path.of("/sky/local/c/node-0");

    @Test
    void absoluteDestinationsMoveUnderTheNodeRoot() {
        assertThat(LocalNodePaths.nodePath("/data/x")).isEqualTo("~/sky_root/data/x");
        assertThat(LocalNodePaths.nodePath("//tmp//y")).isEqualTo("~/sky_root/tmp//y");
        assertThat(LocalNodePaths.nodePath("/")).isEqualTo("~/sky_root");
        assertThat(LocalNodePaths.hostPath(home, "/data/x")).isEqualTo(home.resolve("sky_root/data/x"));
    }

    @Test
    void homeAndRelativeDestinationsStayInTheHome() {
        assertThat(LocalNodePaths.nodePath("~/ckpt")).isEqualTo("~/ckpt");
        assertThat(LocalNodePaths.nodePath("data")).isEqualTo("data");
        assertThat(LocalNodePaths.hostPath(home, "~/ckpt")).isEqualTo(home.resolve("ckpt"));
        assertThat(LocalNodePaths.hostPath(home, "~")).isEqualTo(home);
        assertThat(LocalNodePaths.hostPath(home, "data/a")).isEqualTo(home.resolve("data/a"));
    }
}
