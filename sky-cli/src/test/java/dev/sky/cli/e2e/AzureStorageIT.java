package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.clouds.azure.storage.AzuriteServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure Blob file mounts on local-cloud nodes against Azurite (out of process): a container sky creates and fills,
 * and the same container named by an Azurite-style URL under {@code azure.storage.endpoint}, both copied on the node
 * by rclone with a container SAS that does not stay on the node. Skipped outside CI when Azurite is not installed.
 */
class AzureStorageIT {
    @TempDir
    static Path shared;
    static AzuriteServer azurite;

    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = AzuriteServer.start(shared.resolve("azurite"));
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        sky = new LocalSky(dir);
        Files.createDirectories(sky.skyHome());
        Files.writeString(sky.skyHome().resolve("config.yaml"), "azure:\n  storage:\n    endpoint: "
                + azurite.endpoint() + "\n");
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void anAzuriteUrlInFileMountsIsCopiedOnTheNodeAndAnUnknownUrlIsRefusedNamingTheField() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/sub"));
        Files.writeString(data.getParent().resolve("a.dat"), "alpha-az\n");
        Files.writeString(data.resolve("b.dat"), "beta-az\n");
        Map<String, String> env = Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT, "AZURE_STORAGE_KEY",
                AzuriteServer.KEY);
        String c = "st-az";
        String url = azurite.endpoint() + "/sky-e2e-az/sub";
        String task = sky.task("az.yaml", "name: az\nfile_mounts:\n"
                + "  ~/seed:\n    name: sky-e2e-az\n    store: azure\n    source: " + data.getParent()
                + "\n    mode: COPY\n    persistent: false\n"
                + "  ~/sub: " + url + "\n"
                + "run: cat ~/seed/a.dat ~/sub/b.dat; test ! -e ~/sub/a.dat && echo only-sub\n");
        CommandResult r = sky.run(env, "launch", "-c", c, "-y", "--infra", "local", task);
        assertThat(r).succeeded().noStackTrace().outContains("alpha-az", "beta-az", "only-sub");
        assertThat(r.stderr()).contains("Copying " + url + " to ~/sub");
        List<Path> left;
        List<Path> copied;
        try (Stream<Path> s = Files.walk(sky.nodeHome(c, 0).resolve(".sky"))) {
            List<Path> all = s.toList();
            left = all.stream().filter(p -> p.getFileName().toString().equals("rclone.conf")).toList();
            copied = all.stream().filter(p -> p.getFileName().toString().equals("copied")).toList();
        }
        assertThat(copied).hasSize(2);
        assertThat(left).as("no SAS stays on the node after COPY").isEmpty();

        // A URL under no configured endpoint: one line naming the field, nothing created.
        String other = sky.task("other.yaml", "file_mounts:\n  ~/x: http://127.0.0.1:1/devstoreaccount1/c\n"
                + "run: echo should-not-run\n");
        CommandResult bad = sky.run(env, "launch", "-c", "st-az-bad", "-y", "--infra", "local", other);
        assertThat(bad).exitedWith(2).noStackTrace().errContains("file_mounts.~/x: http://127.0.0.1:1/devstoreaccount1/c"
                + " matches no configured store");
        assertThat(sky.cluster("st-az-bad")).isEmpty();

        assertThat(sky.run(env, "down", "-y", c)).succeeded();
    }
}
