package dev.sky.clouds.local.provision;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * A node's key files: its host key (ECDSA P-256, made once so that it survives stop/start) and the public keys allowed
 * to log in. Private files are 0600 and their folders 0700.
 */
public final class NodeKeys {
    private NodeKeys() {}

    /** Makes the host key pair unless it exists; returns the public key in OpenSSH form. */
    public static String ensureHostKey(Path privateKey, Path publicKey) {
        try {
            if (Files.exists(privateKey) && Files.exists(publicKey)) {
                return Files.readString(publicKey, StandardCharsets.UTF_8).strip();
            }
            ensurePrivateDir(privateKey.getParent());
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            Path tmp = privateKey.resolveSibling(privateKey.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "sky-local-node", null, out);
            }
            String pub = PublicKeyEntry.toString(pair.getPublic());
            Files.writeString(publicKey, pub + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, privateKey, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return pub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write host key " + privateKey, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an ECDSA host key", e);
        }
    }

    /**
     * Writes the keys allowed to log in (0600), one OpenSSH public key per line; blank ones are skipped.
     *
     * @throws IllegalArgumentException a key is not an OpenSSH public key line
     */
    public static void writeAuthorizedKeys(Path file, List<String> publicKeys) {
        List<String> lines = new ArrayList<>();
        for (String key : publicKeys) {
            if (key == null || key.isBlank()) {
                continue;
            }
            String line = key.strip();
            AuthorizedKeyEntry.parseAuthorizedKeyEntry(line); // fails early on a malformed key
            lines.add(line);
        }
        try {
            ensurePrivateDir(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void ensurePrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
