package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {
    @TempDir
    Path root;

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private java.util.Set<String> scan() {
        return new TreeScanner(IgnoreFiles.detect(root)).scanDirectory(root).entries().keySet();
    }

    @Test
    void followsGitignoreRulesIncludingNestedFilesAndNegation() throws IOException {
        write(".gitignore", "*.log\n!keep.log\n/build/\ncache/\ndata/**/*.bin\n");
        write("a.log", "x");
        write("keep.log", "x");
        write("sub/b.log", "x");
        write("build/out.o", "x");
        write("sub/build/kept.txt", "x");
        write("sub/cache/c", "x");
        write("data/1/2/w.bin", "x");
        write("data/1/w.txt", "x");
        write("sub/.gitignore", "!b.log\nlocal.txt\n");
        write("sub/local.txt", "x");
        write("local.txt", "x");
        write("main.py", "x");
        assertThat(scan()).containsExactlyInAnyOrder(".gitignore", "keep.log", "main.py", "local.txt",
                "sub", "sub/.gitignore", "sub/b.log", "sub/build", "sub/build/kept.txt",
                "data", "data/1", "data/1/w.txt", "data/1/2");
    }

    @Test
    void aFileInsideAnIgnoredFolderCannotBeReincluded() throws IOException {
        write(".gitignore", "logs/\n!logs/important.txt\n");
        write("logs/important.txt", "x");
        assertThat(scan()).containsExactlyInAnyOrder(".gitignore");
    }

    @Test
    void dotGitIsAlwaysLeftOutAndInfoExcludeApplies() throws IOException {
        write(".git/HEAD", "ref: refs/heads/main\n");
        write(".git/info/exclude", "secret.txt\n");
        write("secret.txt", "x");
        write("nested/.git/config", "x");
        write("nested/code.py", "x");
        assertThat(scan()).containsExactlyInAnyOrder("nested", "nested/code.py");
    }

    @Test
    void aSkyignoreAtTheRootReplacesGitignore() throws IOException {
        write(".gitignore", "*.py\n");
        write(".skyignore", "*.ckpt\n");
        write(".git/info/exclude", "notes.md\n");
        write("train.py", "x");
        write("model.ckpt", "x");
        write("notes.md", "x");
        write("sub/.skyignore", "tmp/\n");
        write("sub/tmp/t", "x");
        write("sub/.gitignore", "*.txt\n");
        write("sub/a.txt", "x");
        assertThat(IgnoreFiles.detect(root)).isEqualTo(IgnoreFiles.SKYIGNORE);
        assertThat(scan()).containsExactlyInAnyOrder(".gitignore", ".skyignore", "train.py", "notes.md",
                "sub", "sub/.skyignore", "sub/.gitignore", "sub/a.txt");
    }

    @Test
    void recordsLinksAsLinksAndModes() throws IOException {
        write("bin/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(root.resolve("bin/run.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("run"), Path.of("bin/run.sh"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Manifest m = new TreeScanner(IgnoreFiles.GITIGNORE).scanDirectory(root);
        assertThat(m.entries().get("bin/run.sh").mode()).isEqualTo(0750);
        assertThat(m.entries().get("bin/run.sh").size()).isEqualTo(10);
        assertThat(m.entries().get("run").type()).isEqualTo(ManifestEntry.Type.SYMLINK);
        assertThat(m.entries().get("run").linkTarget()).isEqualTo("bin/run.sh");
        assertThat(m.entries().get("dangling").linkTarget()).isEqualTo("nowhere");
    }
}
