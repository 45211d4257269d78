package dev.sky.clouds.ssh.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;

/** The JDK-only algorithm set and which failures send a host back to be probed with BouncyCastle. */
class JdkCryptoTest {
    @Test
    void offersOnlyWhatTheJdkProvidesAesGcmFirst() {
        Config c = JdkCrypto.config();
        assertThat(c.getCipherFactories()).extracting(Factory.Named::getName)
                .startsWith("aes128-gcm@openssh.com").doesNotContain("chacha20-poly1305@openssh.com");
        assertThat(c.getKeyAlgorithms()).extracting(Factory.Named::getName)
                .contains("ssh-ed25519", "rsa-sha2-256").noneMatch(n -> n.startsWith("ecdsa"));
        assertThat(c.getKeyExchangeFactories()).extracting(Factory.Named::getName)
                .contains("curve25519-sha256").noneMatch(n -> n.startsWith("ecdh"));
    }

    @Test
    void aMissingAlgorithmOrNoCommonOneMeansTryBouncyCastle() {
        assertThat(JdkCrypto.missingAlgorithm(new RuntimeException(new NoSuchAlgorithmException("ECDSA")))).isTrue();
        assertThat(JdkCrypto.missingAlgorithm(new TransportException("Unable to reach a settlement: [a] and [b]")))
                .isTrue();
        assertThat(JdkCrypto.missingAlgorithm(new IOException("Connection reset"))).isFalse();
    }
}
