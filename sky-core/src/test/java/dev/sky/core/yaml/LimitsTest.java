package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or unusual input: huge files, alias bombs, bad encodings, secrets in bad places. */
class LimitsTest {
    @TempDir
    Path dir;

    private SkyException loadError(Path file) {
        SkyException e = catchThrowableOfType(SkyException.class, () -> TaskLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void tenMegabyteFileIsParsed() throws Exception {
        // 10 MB: a long run script plus many envs, the two ways a task YAML grows.
        StringBuilder b = new StringBuilder("name: big\nenvs:\n");
        int envs = 50_000;
        for (int i = 0; i < envs; i++) {
            b.append("  VAR_").append(i).append(": value-").append(i).append('\n');
        }
        b.append("run: |\n");
        String line = "  echo " + "x".repeat(90) + "\n";
        while (b.length() < 10 * 1024 * 1024) {
            b.append(line);
        }
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, b);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(10L * 1024 * 1024);

        Task t = TaskLoader.load(file).single();
        assertThat(t.envs()).hasSize(envs).containsEntry("VAR_49999", "value-49999");
        assertThat(t.run()).startsWith("echo xxx").hasSizeGreaterThan(8 * 1024 * 1024);
    }

    @Test
    void fileOverTheSizeCapIsRefusedBeforeReading() throws Exception {
        Path file = dir.resolve("huge.yaml");
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(YamlText.MAX_BYTES); // sparse: no 64 MB written to disk
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
        }
        assertThat(loadError(file).getMessage()).startsWith(file + ":1:1: ").contains("larger than 64 MB");
    }

    @Test
    void aliasBombIsRejectedWithThePositionOfTheExcessAlias() {
        // Billion laughs: each level holds ten aliases of the one before it.
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String prev = "*" + (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [").append(String.join(",",
                    java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        SkyException e = Yamls.error("envs:\n  " + b.toString().replace("\n", "\n  ").strip() + "\n");
        // Level f (line 7 of the file) holds aliases 37..45, g holds 46..54: the 51st is g's 5th.
        assertThat(e.getMessage()).startsWith("task.yaml:8:").contains("aliases").contains("alias bomb");
    }

    @Test
    void recursiveAliasIsRejected() {
        SkyException e = Yamls.error("service: &s\n  replica_policy: *s\n");
        assertThat(e.getMessage()).startsWith("task.yaml:").contains("recursive");
    }

    @Test
    void badUtf8IsRejectedWithLineAndColumn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("name: ok\nrun: echo h\u00e9llo ".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        out.write("\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("latin.yaml");
        Files.write(file, out.toByteArray());
        // "run: echo héllo " is 16 characters, so the bad byte is column 17 of line 2.
        assertThat(loadError(file).getMessage()).isEqualTo(file + ":2:17: the file is not valid UTF-8 (byte 0xC3)");
    }

    @Test
    void byteOrderMarkIsAccepted() throws Exception {
        Path file = dir.resolve("bom.yaml");
        byte[] body = "name: bom\nrun: echo\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(file, all);
        assertThat(TaskLoader.load(file).single().name()).isEqualTo("bom");
    }

    @Test
    void controlCharacterIsRejectedWithPosition() {
        SkyException e = Yamls.error("name: a\nrun: echo \u0001\n");
        assertThat(e.getMessage()).startsWith("task.yaml:2:11: invalid YAML").contains("U+0001");
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("nope.yaml");
        assertThat(loadError(file).getMessage()).isEqualTo(file + ": no such file");
    }

    @Test
    void emptyYamlIsAnEmptyTask() {
        Pipeline p = Yamls.pipeline("");
        assertThat(p.tasks()).hasSize(1);
        assertThat(p.single().run()).isNull();
        assertThat(p.single().numNodes()).isEqualTo(1);
        assertThat(Yamls.pipeline("# only a comment\n").single().name()).isNull();
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        String secret = "sk-live-0123456789";
        SkyException wrongType = Yamls.error("secrets:\n  TOKEN: [" + secret + "]\n");
        assertThat(wrongType.getMessage()).startsWith("task.yaml:2:10: secrets.TOKEN:").doesNotContain(secret);
        SkyException missing = Yamls.error("secrets:\n  TOKEN: " + secret + "\n  OTHER:\n");
        assertThat(missing.getMessage()).contains("secrets.OTHER").doesNotContain(secret);
        Task ok = Yamls.task("secrets:\n  TOKEN: " + secret + "\n");
        assertThat(ok.toString()).doesNotContain(secret);
    }
}
