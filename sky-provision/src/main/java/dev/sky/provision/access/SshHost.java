package dev.sky.provision.access;

/**
 * One node as {@code ssh <alias>} reaches it.
 *
 * @param alias {@code <cluster>} for the head, {@code <cluster>-workerN} for workers
 * @param hostName the address
 * @param port the SSH port
 * @param user the login user
 * @param hostKey the node's pinned public host key, {@code ssh-rsa AAAA...}
 * @param identityFile the private key to log in with, or null for sky's own key
 */
public record SshHost(String alias, String hostName, int port, String user, String hostKey, String identityFile) {
    public SshHost(String alias, String hostName, int port, String user, String hostKey) {
        this(alias, hostName, port, user, hostKey, null);
    }
}
