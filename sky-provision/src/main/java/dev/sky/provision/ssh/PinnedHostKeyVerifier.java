package dev.sky.provision.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Accepts exactly the pinned host key and remembers what the node presented, so a refusal can say which key it saw.
 */
final class PinnedHostKeyVerifier implements HostKeyVerifier {
    private final HostKeyPin pin;
    private final PublicKey pinnedKey;
    private final OpenSSHKnownHosts knownHosts;
    private volatile String presentedFingerprint;
    private volatile boolean rejected;

    PinnedHostKeyVerifier(HostKeyPin pin) {
        this.pin = pin;
        if (pin instanceof HostKeyPin.PublicKey line) {
            this.pinnedKey = parseOpenSshKey(line.openSshLine());
            this.knownHosts = null;
        } else {
            this.pinnedKey = null;
            this.knownHosts = readKnownHosts(((HostKeyPin.KnownHosts) pin).file());
        }
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        presentedFingerprint = fingerprint(key);
        boolean ok = pinnedKey != null
                ? Arrays.equals(encode(pinnedKey), encode(key))
                : knownHosts.verify(hostname, port, key);
        rejected = !ok;
        return ok;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        // Ask for the pinned key's type, so a node with several host keys presents the one we know.
        return pinnedKey != null ? List.of(KeyType.fromKey(pinnedKey).toString()) : knownHosts.findExistingAlgorithms(hostname, port);
    }

    boolean rejected() {
        return rejected;
    }

    /** Why the last key was refused, for the error message. */
    String rejectionReason() {
        String expected = pinnedKey != null
                ? "the pinned key " + fingerprint(pinnedKey)
                : "a key listed for it in " + ((HostKeyPin.KnownHosts) pin).file();
        return "its host key " + presentedFingerprint + " is not " + expected;
    }

    static PublicKey parseOpenSshKey(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("Not an OpenSSH public key line (expected '<type> <base64> [comment]')");
        }
        try {
            byte[] blob = Base64.getDecoder().decode(fields[1]);
            return new Buffer.PlainBuffer(blob).readPublicKey();
        } catch (IllegalArgumentException | Buffer.BufferException e) {
            throw new IllegalArgumentException("Not a valid OpenSSH public key of type " + fields[0] + ": " + e.getMessage(), e);
        }
    }

    /** SHA256:base64, as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encode(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encode(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    private static OpenSSHKnownHosts readKnownHosts(Path file) {
        try {
            // Read into memory: sshj is then given no file it could write to.
            return new OpenSSHKnownHosts(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
    }
}
