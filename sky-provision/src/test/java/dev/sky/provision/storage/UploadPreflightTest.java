package dev.sky.provision.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadPreflightTest {
    @TempDir
    Path dir;

    @Test
    void thresholdsDefaultTo1GbAnd10000FilesAndTheEnvironmentOverridesThem() {
        assertThat(UploadPreflight.from(Map.of())).isEqualTo(new UploadPreflight(1L << 30, 10_000));
        assertThat(UploadPreflight.from(Map.of("SKY_UPLOAD_WARN_MB", "3", "SKY_UPLOAD_WARN_FILES", " 7 ")))
                .isEqualTo(new UploadPreflight(3L << 20, 7));
    }

    @Test
    void aBadThresholdIsRefusedInOneLineNamingTheVariable() {
        for (String bad : new String[] {"10GB", "-1", "1.5", "99999999999999999999"}) {
            assertThatThrownBy(() -> UploadPreflight.from(Map.of("SKY_UPLOAD_WARN_MB", bad)))
                    .isInstanceOf(SkyException.class)
                    .hasMessage("SKY_UPLOAD_WARN_MB must be a whole number (0 or more), not '" + bad + "'.");
        }
    }

    @Test
    void measureCountsFilesAndBytesAfterSkyignore() throws Exception {
        Files.createDirectories(dir.resolve("src/sub"));
        Files.write(dir.resolve("src/a.bin"), new byte[1000]);
        Files.write(dir.resolve("src/sub/b.bin"), new byte[24]);
        Files.write(dir.resolve("src/huge.ckpt"), new byte[5000]);
        Files.writeString(dir.resolve("src/.skyignore"), "*.ckpt\n");

        UploadPreflight.Size size = UploadPreflight.measure(dir.resolve("src"));
        // a.bin, sub/b.bin and .skyignore itself (7 bytes); folders are not files; huge.ckpt is left out.
        assertThat(size).isEqualTo(new UploadPreflight.Size(3, 1031));
        assertThat(UploadPreflight.measure(dir.resolve("src/huge.ckpt"))).isEqualTo(new UploadPreflight.Size(1, 5000));
    }

    @Test
    void warnsOverEitherThresholdAndPointsToSkyignore() {
        UploadPreflight p = new UploadPreflight(2048, 3);
        assertThat(p.warning("The workdir ~/w", new UploadPreflight.Size(3, 2048))).isEmpty();
        assertThat(p.warning("The workdir ~/w", new UploadPreflight.Size(4, 10))).hasValue("Warning: The workdir ~/w"
                + " is large (4 file(s), 10 B). If the job does not need all of it, list what to leave out in a"
                + " .skyignore file at its root (same syntax as .gitignore).");
        assertThat(p.warning("x", new UploadPreflight.Size(1, 2049))).get().asString().contains("(1 file(s), 2.0 KB)");
    }

    @Test
    void summaryStatesCountSizeSourceAndTarget() {
        assertThat(UploadPreflight.summary("/d", "s3://b", new UploadPreflight.Size(12, 3 * 1024 * 1024 + 400_000)))
                .isEqualTo("Uploading 12 file(s), 3.4 MB from /d to s3://b");
    }
}
