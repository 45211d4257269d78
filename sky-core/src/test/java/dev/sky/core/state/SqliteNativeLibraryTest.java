package dev.sky.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
    @TempDir Path cache;

    @Test
    void extractsOnceAndReusesTheCopy() throws IOException {
        Path lib = SqliteNativeLibrary.extractTo(cache).orElseThrow();
        assertThat(lib).startsWith(cache).exists();
        assertThat(lib.getFileName().toString()).isEqualTo(System.mapLibraryName("sqlitejdbc"));
        long size = Files.size(lib);
        assertThat(size).isGreaterThan(100_000);

        FileTime marker = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(lib, marker);
        assertThat(SqliteNativeLibrary.extractTo(cache)).contains(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("an intact copy is not rewritten").isEqualTo(marker);
    }

    @Test
    void replacesATruncatedCopy() throws IOException {
        Path lib = SqliteNativeLibrary.extractTo(cache).orElseThrow();
        long size = Files.size(lib);
        Files.write(lib, new byte[10]);
        SqliteNativeLibrary.extractTo(cache);
        assertThat(Files.size(lib)).isEqualTo(size);
        try (var files = Files.list(lib.getParent())) {
            assertThat(files).as("no temp file left behind").hasSize(1);
        }
    }
}
