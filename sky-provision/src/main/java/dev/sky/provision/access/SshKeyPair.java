package dev.sky.provision.access;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key pair in OpenSSH's own file format, which OpenSSH, sshj and Apache MINA all read. Written by hand so that
 * making a key needs neither ssh-keygen nor a crypto library.
 *
 * @param privateKey the private key file (mode 0600)
 * @param publicKey the {@code .pub} file, one {@code ssh-ed25519 AAAA... comment} line
 */
public record SshKeyPair(Path privateKey, Path publicKey) {
    private static final String KEY_TYPE = "ssh-ed25519";

    /** The pair at {@code privateKey}, created (0600, folder 0700) if it does not exist yet. */
    public static SshKeyPair ensure(Path privateKey, String comment) {
        Path pub = privateKey.resolveSibling(privateKey.getFileName() + ".pub");
        if (Files.exists(privateKey) && Files.exists(pub)) {
            return new SshKeyPair(privateKey, pub);
        }
        try {
            Files.createDirectories(privateKey.getParent());
            setMode(privateKey.getParent(), "rwx------");
            // Concurrent sky commands may all find no key: one makes it, the others wait and use it.
            Path lockFile = privateKey.resolveSibling("." + privateKey.getFileName() + ".lock");
            synchronized (SshKeyPair.class) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     java.nio.channels.FileLock lock = ch.lock()) {
                    if (Files.exists(privateKey) && Files.exists(pub)) {
                        return new SshKeyPair(privateKey, pub);
                    }
                    return generate(privateKey, pub, comment);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SshKeyPair generate(Path privateKey, Path pub, String comment) throws IOException {
        try {
            // Ed25519: made in milliseconds, where an RSA-3072 prime search took seconds (tens under load) per key.
            var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] rawPub = rawPublic(kp.getPublic());
            byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the JDK did not expose the Ed25519 seed"));
            byte[] pubBlob = publicBlob(rawPub);
            Path tmp = privateKey.resolveSibling(privateKey.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, privateFile(pubBlob, rawPub, seed, comment), StandardOpenOption.TRUNCATE_EXISTING);
            // The private key first: a .pub present means its private key is complete.
            Files.move(tmp, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path pubTmp = pub.resolveSibling(pub.getFileName() + ".tmp");
            Files.writeString(pubTmp, KEY_TYPE + " " + Base64.getEncoder().encodeToString(pubBlob) + " " + comment
                    + "\n");
            Files.move(pubTmp, pub, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new SshKeyPair(privateKey, pub);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key: the last 32 bytes of its X.509 encoding. */
    static byte[] rawPublic(PublicKey key) {
        byte[] x509 = key.getEncoded();
        return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    /** The one-line public key, {@code ssh-rsa AAAA... comment}. */
    public String publicKeyLine() {
        try {
            return Files.readString(publicKey).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] publicBlob(byte[] rawPub) throws IOException {
        Buf b = new Buf();
        b.string(KEY_TYPE);
        b.bytesField(rawPub);
        return b.bytes();
    }

    static String privateFile(byte[] pubBlob, byte[] rawPub, byte[] seed, String comment) throws IOException {
        Buf priv = new Buf();
        int check = new SecureRandom().nextInt();
        priv.out.writeInt(check);
        priv.out.writeInt(check);
        priv.string(KEY_TYPE);
        priv.bytesField(rawPub);
        // OpenSSH keeps the seed followed by the public key as the 64-byte private part.
        byte[] both = Arrays.copyOf(seed, 64);
        System.arraycopy(rawPub, 0, both, 32, 32);
        priv.bytesField(both);
        priv.string(comment);
        for (int pad = 1; priv.size() % 8 != 0; pad++) {
            priv.out.writeByte(pad);
        }
        Buf all = new Buf();
        all.out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        all.string("none");
        all.string("none");
        all.string("");
        all.out.writeInt(1);
        all.bytesField(pubBlob);
        all.bytesField(priv.bytes());
        String b64 = Base64.getEncoder().encodeToString(all.bytes());
        StringBuilder s = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for (int i = 0; i < b64.length(); i += 70) {
            s.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return s.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
    }

    private static void setMode(Path p, String mode) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not POSIX: nothing to tighten.
        }
    }

    /** SSH wire encoding (RFC 4251): uint32-length strings. */
    private static final class Buf {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        void string(String s) throws IOException {
            bytesField(s.getBytes(StandardCharsets.UTF_8));
        }

        void bytesField(byte[] b) throws IOException {
            out.writeInt(b.length);
            out.write(b);
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
