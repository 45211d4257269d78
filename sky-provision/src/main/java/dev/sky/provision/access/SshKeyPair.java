package dev.sky.provision.access;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * An RSA key pair in OpenSSH's own file format, which OpenSSH, sshj and Apache MINA all read. Written by hand so that
 * making a key needs neither ssh-keygen nor a crypto library.
 *
 * @param privateKey the private key file (mode 0600)
 * @param publicKey the {@code .pub} file, one {@code ssh-rsa AAAA... comment} line
 */
public record SshKeyPair(Path privateKey, Path publicKey) {

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
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(3072, new SecureRandom());
            var kp = gen.generateKeyPair();
            RSAPublicKey rsaPub = (RSAPublicKey) kp.getPublic();
            RSAPrivateCrtKey rsaPriv = (RSAPrivateCrtKey) kp.getPrivate();
            byte[] pubBlob = publicBlob(rsaPub);
            Path tmp = privateKey.resolveSibling(privateKey.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, privateFile(pubBlob, rsaPriv, comment), StandardOpenOption.TRUNCATE_EXISTING);
            // The private key first: a .pub present means its private key is complete.
            Files.move(tmp, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path pubTmp = pub.resolveSibling(pub.getFileName() + ".tmp");
            Files.writeString(pubTmp, "ssh-rsa " + Base64.getEncoder().encodeToString(pubBlob) + " " + comment + "\n");
            Files.move(pubTmp, pub, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new SshKeyPair(privateKey, pub);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one-line public key, {@code ssh-rsa AAAA... comment}. */
    public String publicKeyLine() {
        try {
            return Files.readString(publicKey).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] publicBlob(RSAPublicKey k) throws IOException {
        Buf b = new Buf();
        b.string("ssh-rsa");
        b.mpint(k.getPublicExponent());
        b.mpint(k.getModulus());
        return b.bytes();
    }

    static String privateFile(byte[] pubBlob, RSAPrivateCrtKey k, String comment) throws IOException {
        Buf priv = new Buf();
        int check = new SecureRandom().nextInt();
        priv.out.writeInt(check);
        priv.out.writeInt(check);
        priv.string("ssh-rsa");
        priv.mpint(k.getModulus());
        priv.mpint(k.getPublicExponent());
        priv.mpint(k.getPrivateExponent());
        priv.mpint(k.getCrtCoefficient());
        priv.mpint(k.getPrimeP());
        priv.mpint(k.getPrimeQ());
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

    /** SSH wire encoding (RFC 4251): uint32-length strings and mpints. */
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

        void mpint(BigInteger v) throws IOException {
            bytesField(v.toByteArray());
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
