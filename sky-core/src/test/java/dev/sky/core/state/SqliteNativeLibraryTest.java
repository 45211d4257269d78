package dev.sky.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
    @TempDir Path cache;

    @Test
    void locationIsKeyedByVersionAndPlatform() throws IOException {
        Path lib = SqliteNativeLibrary.location(cache);
        assertThat(lib.startsWith(cache)).isTrue();
        assertThat(lib.getFileName().toString()).isEqualTo(System.mapLibraryName("sqlitejdbc"));
        // The test class path has the versioned Maven jar.
        assertThat(cache.relativize(lib).getName(0).toString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(SqliteNativeLibrary.location(cache)).isEqualTo(lib);
    }

    @Test
    void extractsAnExactCopyAndLeavesNoTempFile() throws IOException {
        Path lib = SqliteNativeLibrary.location(cache);
        assertThat(SqliteNativeLibrary.extract(lib)).isTrue();
        String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
        try (InputStream bundled = org.sqlite.JDBC.class.getResourceAsStream(
                "/org/sqlite/native/" + folder + "/" + lib.getFileName())) {
            assertThat(Files.readAllBytes(lib)).isEqualTo(bundled.readAllBytes());
        }
        try (var files = Files.list(lib.getParent())) {
            assertThat(files).hasSize(1);
        }
    }
}
