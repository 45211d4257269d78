package dev.sky.clouds.ssh.pools;

import java.util.List;

/**
 * One pool from {@code SKY_HOME/ssh_node_pools.yaml}: machines the user already has, reached over SSH.
 *
 * @param name the pool name ({@code ssh/<name>} in {@code infra})
 * @param hosts its machines, in file order
 * @param problem why the pool cannot be used, or null
 */
public record NodePool(String name, List<Host> hosts, String problem) {
    public NodePool {
        hosts = List.copyOf(hosts);
    }

    public boolean usable() {
        return problem == null;
    }

    /**
     * One machine. A password, if the file has one, is not kept here, so it cannot leak through {@code toString}.
     *
     * @param address IP address or host name (or an alias from ~/.ssh/config)
     * @param user the login user, or null for the current user
     * @param port the SSH port
     * @param identityFile the private key to use, or null for the SSH agent / default keys
     */
    public record Host(String address, String user, int port, String identityFile) {}
}
