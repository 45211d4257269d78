package dev.sky.provision.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One node to reach over SSH.
 *
 * @param host the node's address (an IP address or a host name)
 * @param port the SSH port
 * @param user the login user
 * @param privateKey the private key file that authenticates the user (OpenSSH, PEM or PKCS#8; not encrypted)
 * @param hostKey the key the node must present
 */
public record SshTarget(String host, int port, String user, Path privateKey, HostKeyPin hostKey) {
    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKey, "hostKey");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port out of range: " + port);
        }
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
