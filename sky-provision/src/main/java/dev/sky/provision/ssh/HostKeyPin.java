package dev.sky.provision.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The host key a node must present. There is deliberately no "accept any key" variant: a node whose key cannot be
 * checked is not connected to.
 */
public sealed interface HostKeyPin {

    /**
     * One public key in OpenSSH form, e.g. {@code ssh-ed25519 AAAAC3Nz... comment} (the comment is optional).
     *
     * @param openSshLine the key line as in a {@code .pub} file or after the host names in known_hosts
     */
    record PublicKey(String openSshLine) implements HostKeyPin {
        public PublicKey {
            Objects.requireNonNull(openSshLine, "openSshLine");
        }
    }

    /**
     * A known_hosts file holding the node's key; hosts on a port other than 22 are looked up as {@code [host]:port},
     * as OpenSSH writes them. Unknown hosts and changed keys are rejected; the file is never written.
     *
     * @param file the known_hosts file
     */
    record KnownHosts(Path file) implements HostKeyPin {
        public KnownHosts {
            Objects.requireNonNull(file, "file");
        }
    }
}
