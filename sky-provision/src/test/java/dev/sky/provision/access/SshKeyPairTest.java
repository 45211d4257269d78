package dev.sky.provision.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyPairTest {
    @TempDir
    Path dir;

    @Test
    void writesA0600KeyThatOpenSshReads() throws Exception {
        SshKeyPair kp = SshKeyPair.ensure(dir.resolve("keys/sky-key"), "sky@test");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kp.privateKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
                .isEqualTo("rwx------");
        assertThat(kp.publicKeyLine()).startsWith("ssh-ed25519 AAAA").endsWith("sky@test");
        // ssh-keygen -y derives the public key from the private file: proves the format is OpenSSH's.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen not installed");
        Process p = new ProcessBuilder("ssh-keygen", "-y", "-f", kp.privateKey().toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String derived = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.exitValue()).isZero();
        assertThat(kp.publicKeyLine()).startsWith(derived.split(" ")[0] + " " + derived.split(" ")[1]);
    }

    @Test
    void concurrentCallersAllGetTheOneKeyThatWasWritten() throws Exception {
        Path key = dir.resolve("race/sky-key");
        java.util.List<java.util.concurrent.Future<String>> lines = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            lines.add(pool.submit(() -> SshKeyPair.ensure(key, "race").publicKeyLine()));
        }
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (var f : lines) {
            distinct.add(f.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1).containsExactly(Files.readString(key.resolveSibling("sky-key.pub")).trim());
    }

    @Test
    void keepsAnExistingKey() {
        SshKeyPair a = SshKeyPair.ensure(dir.resolve("k"), "a");
        String line = a.publicKeyLine();
        assertThat(SshKeyPair.ensure(dir.resolve("k"), "b").publicKeyLine()).isEqualTo(line);
    }
}
