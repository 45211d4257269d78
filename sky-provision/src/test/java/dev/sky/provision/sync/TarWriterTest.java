package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written here are read back by the system's own tar, as on a node. */
class TarWriterTest {
    @TempDir
    Path tmp;

    private Path extract(byte[] archive) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process p = new ProcessBuilder("tar", "-x", "-p", "-o", "-f", "-", "-C", out.toString()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(archive);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tar output: %s", log).isZero();
        return out;
    }

    private static byte[] archive(TarBody body) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            body.write(tar);
        }
        return bytes.toByteArray();
    }

    interface TarBody {
        void write(TarWriter tar) throws IOException;
    }

    @Test
    void filesFoldersLinksAndModesSurviveTar() throws Exception {
        byte[] data = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
        Path out = extract(archive(tar -> {
            tar.directory("src", 0750, 1_700_000_000L);
            tar.file("src/main.py", 0755, 1_600_000_000L, data.length, new ByteArrayInputStream(data));
            tar.file("secret.env", 0600, 1_600_000_000L, "A=1\n".getBytes(StandardCharsets.UTF_8));
            tar.symlink("link", "src/main.py", 1_600_000_000L);
            tar.file("empty", 0644, 1_600_000_000L, new byte[0]);
        }));
        assertThat(Files.readString(out.resolve("src/main.py"))).isEqualTo("print('hi')\n");
        assertThat(Files.getPosixFilePermissions(out.resolve("src/main.py"))).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(out.resolve("secret.env"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(out.resolve("src"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getLastModifiedTime(out.resolve("src/main.py")).toMillis()).isEqualTo(1_600_000_000_000L);
        assertThat(Files.readSymbolicLink(out.resolve("link")).toString()).isEqualTo("src/main.py");
        assertThat(Files.size(out.resolve("empty"))).isZero();
    }

    @Test
    void longAndNonAsciiNamesAndLinkTargetsUsePax() throws Exception {
        String deep = "a".repeat(90) + "/" + "b".repeat(90) + "/" + "c".repeat(60) + ".txt";
        String veryLongName = "n".repeat(180) + ".txt";
        String unicode = "données/résumé 🚀.md";
        String longTarget = "../" + "t".repeat(150);
        Path out = extract(archive(tar -> {
            tar.file(deep, 0644, 1L, "deep".getBytes(StandardCharsets.UTF_8));
            tar.file(veryLongName, 0644, 1L, "long".getBytes(StandardCharsets.UTF_8));
            tar.file(unicode, 0644, 1L, "uni".getBytes(StandardCharsets.UTF_8));
            tar.symlink("far", longTarget, 1L);
        }));
        assertThat(Files.readString(out.resolve(deep))).isEqualTo("deep");
        assertThat(Files.readString(out.resolve(veryLongName))).isEqualTo("long");
        assertThat(Files.readString(out.resolve(unicode))).isEqualTo("uni");
        assertThat(Files.readSymbolicLink(out.resolve("far")).toString()).isEqualTo(longTarget);
    }

    @Test
    void aFileThatShrankIsZeroFilledToItsDeclaredSize() throws Exception {
        byte[] shortContent = "abc".getBytes(StandardCharsets.UTF_8);
        long[] copied = new long[1];
        Path out = extract(archive(tar -> {
            copied[0] = tar.file("f", 0644, 1L, 10, new ByteArrayInputStream(shortContent));
            tar.file("after", 0644, 1L, "ok".getBytes(StandardCharsets.UTF_8));
        }));
        assertThat(copied[0]).isEqualTo(3);
        assertThat(Files.readAllBytes(out.resolve("f"))).hasSize(10).startsWith(shortContent);
        assertThat(Files.readString(out.resolve("after"))).isEqualTo("ok");
    }

    @Test
    void countsEveryByteWritten() throws IOException {
        byte[] a = archive(tar -> tar.file("x", 0644, 1L, new byte[700]));
        // header + 700 bytes padded to 1024 + two end blocks
        assertThat(a).hasSize(512 + 1024 + 1024);
    }
}
