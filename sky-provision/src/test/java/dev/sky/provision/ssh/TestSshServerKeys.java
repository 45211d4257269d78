package dev.sky.provision.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** Host keys that belong to no running server. */
final class TestSshServerKeys {
    private TestSshServerKeys() {}

    static String otherHostKeyLine() {
        return PublicKeyEntry.toString(TestKeys.newEcKeyPair().getPublic());
    }
}
