package dev.sky.clouds.ssh.probe;

import dev.sky.provision.ssh.SshAlgorithms;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * {@code sky ssh up} on the JDK's own crypto. sshj registers BouncyCastle as its provider on first use; BouncyCastle
 * is a signed jar, so its classes are never in the CDS archive, and verifying and loading them took about as long as
 * the rest of {@code sky ssh up} (measured: docs/performance.md). Probing needs none of it for the usual keys
 * (Ed25519, RSA), with curve25519 or Diffie-Hellman key exchange and AES: the JDK has those. ECDSA keys (sshj asks
 * for an "ECDSA" KeyFactory, which only BouncyCastle names so) and ChaCha20-Poly1305 need BouncyCastle: a host that
 * fails for want of one is probed again after {@link #fallBack()}.
 *
 * <p>sshj keeps its provider in static state for the whole JVM, so only a process that does nothing but probe (the
 * {@code sky ssh up} command) may switch: {@link #start()} before any other use of sshj.
 */
final class JdkCrypto {
    private static final Set<String> KEY_ALGORITHMS = Set.of("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256",
            "ssh-rsa");
    private static final Set<String> KEY_EXCHANGES = Set.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "diffie-hellman-group14-sha256", "ext-info-c");
    private static final List<String> CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "aes128-ctr", "aes192-ctr", "aes256-ctr");

    private JdkCrypto() {}

    /** Tells sshj not to register BouncyCastle (it keeps a provider it already registered). */
    static synchronized void start() {
        SecurityUtils.setRegisterBouncyCastle(false);
    }

    /** Registers BouncyCastle after all, for the hosts the JDK could not serve. */
    static synchronized void fallBack() {
        SecurityUtils.setRegisterBouncyCastle(true);
        SecurityUtils.registerSecurityProvider("org.bouncycastle.jce.provider.BouncyCastleProvider");
    }

    /** Whether sshj uses the JDK's providers alone. */
    static synchronized boolean active() {
        return SecurityUtils.getSecurityProvider() == null;
    }

    /** sky's algorithms, less those that need BouncyCastle. */
    static Config config() {
        Config c = SshAlgorithms.config();
        c.setCipherFactories(c.getCipherFactories().stream().filter(f -> CIPHERS.contains(f.getName()))
                .sorted((a, b) -> CIPHERS.indexOf(a.getName()) - CIPHERS.indexOf(b.getName())).toList());
        c.setKeyAlgorithms(c.getKeyAlgorithms().stream().filter(k -> KEY_ALGORITHMS.contains(k.getName()))
                .toList());
        c.setKeyExchangeFactories(c.getKeyExchangeFactories().stream()
                .filter(f -> KEY_EXCHANGES.contains(f.getName())).toList());
        return c;
    }

    /** Whether {@code e} says an algorithm was missing or could not be agreed on. */
    static boolean missingAlgorithm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof GeneralSecurityException || m.contains("not available")
                    || m.contains("Unable to reach a settlement")) {
                return true;
            }
        }
        return false;
    }
}
