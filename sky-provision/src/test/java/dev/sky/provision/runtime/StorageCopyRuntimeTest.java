package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sky-rt storage-copy} with the real rclone, on rclone's local backend (no server needed): the copy lands,
 * the node keeps no rclone.conf whatever the outcome, and a failure is one line with rclone's error.
 */
class StorageCopyRuntimeTest {
    @TempDir
    Path tmp;
    RuntimeHarness h;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v rclone").start().waitFor() == 0,
                "rclone is not installed");
        h = new RuntimeHarness(tmp, "copyrt", 1, 2, 0);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private Path conf(String id) throws Exception {
        Path dir = Files.createDirectories(h.nodeDir(0).resolve("storage/" + id));
        Path conf = dir.resolve("rclone.conf");
        Files.writeString(conf, "[sky-src]\ntype = local\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return conf;
    }

    @Test
    void copiesIntoTheDestinationKeepsExtraFilesAndDeletesTheConf() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("bucket/sub"));
        Files.writeString(src.resolve("b.dat"), "beta");
        Files.writeString(src.getParent().resolve("a.dat"), "alpha");
        Path dest = Files.createDirectories(h.home(0).resolve("data"));
        Files.writeString(dest.resolve("mine.dat"), "kept");
        Path conf = conf("m1");
        RuntimeHarness.Result r = h.head(h.commands.sky(0) + " storage-copy m1 '~/data' "
                + ShellQuote.quote("sky-src:" + src.getParent()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dest.resolve("a.dat")).hasContent("alpha");
        assertThat(dest.resolve("sub/b.dat")).hasContent("beta");
        assertThat(dest.resolve("mine.dat")).hasContent("kept"); // a copy, not a mirror: SkyPilot's COPY keeps it
        assertThat(conf).doesNotExist();
        assertThat(conf.resolveSibling("copied")).content().endsWith(" 2 object(s) fetched\n");
        assertThat(conf.resolveSibling("mode")).hasContent("COPY");
        assertThat(conf.resolveSibling("dest")).hasContent(dest.toString());
    }

    @Test
    void aFailedCopyIsOneLineWithRclonesErrorAndLeavesNoConf() throws Exception {
        Path conf = conf("m2");
        String missing = tmp.resolve("no-such-bucket").toString();
        RuntimeHarness.Result r = h.head(h.commands.sky(0) + " storage-copy m2 /tmp/unused-dest-" + h.nodeId + " "
                + ShellQuote.quote("sky-src:" + missing));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("sky-rt: storage: rclone could not copy sky-src:" + missing + " to /tmp/unused-dest-")
                .contains("error reading source root directory: directory not found");
        assertThat(conf).doesNotExist();
        assertThat(conf.resolveSibling("copied")).doesNotExist();
        Files.deleteIfExists(Path.of("/tmp/unused-dest-" + h.nodeId));

        RuntimeHarness.Result noConf = h.head(h.commands.sky(0) + " storage-copy m2 '~/x' sky-src:/tmp");
        assertThat(noConf.exit()).isEqualTo(1);
        assertThat(noConf.err()).contains("rclone.conf is missing");
        assertThat(h.head(h.commands.sky(0) + " storage-copy '../m' '~/x' sky-src:/tmp").err())
                .contains("storage-copy: bad id");
    }
}
