package dev.sky.provision.runtime;

/**
 * How the head reaches one node of the cluster, and the address the job sees in {@code SKYPILOT_NODE_IPS}.
 *
 * @param address the node's internal IP or host name (several nodes may share one, with distinct ports)
 * @param port the node's SSH port
 * @param user the SSH user on the node
 */
public record NodeAddress(String address, int port, String user) {
    public NodeAddress {
        if (address == null || !address.matches("[a-zA-Z0-9.:%_-]+")) {
            throw new IllegalArgumentException("invalid node address: " + address);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SSH port: " + port);
        }
        if (user == null || !user.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("invalid SSH user: " + user);
        }
    }

    /** The {@code ADDR,PORT,USER} form that {@code sky-rt init --node} takes. */
    public String toInitArgument() {
        return address + "," + port + "," + user;
    }
}
