package dev.sky.provision.spi;

import java.util.Objects;

/**
 * One node of a cluster, as sky needs it to connect.
 *
 * @param rank 0 for the head, 1.. for the workers, stable for the cluster's life
 * @param instanceId the cloud's id for the node
 * @param internalIp the address other nodes of the cluster reach it at
 * @param externalAddress the address sky reaches it at (an IP or a host name)
 * @param sshPort the SSH port at {@code externalAddress}
 * @param sshUser the user to log in as
 * @param hostPublicKey the node's SSH host key in OpenSSH form ({@code ecdsa-sha2-nistp256 AAAA...}), pinned by
 *     sky; null when the cloud cannot report it before the first connection
 * @param status the node's status when this was read
 * @param identityFile the private key sky logs in with, when the cloud names one (SSH node pools use the user's
 *     own key); null means sky's own key
 */
public record NodeInfo(int rank, String instanceId, String internalIp, String externalAddress, int sshPort,
                       String sshUser, String hostPublicKey, InstanceStatus status, String identityFile) {

    /** A node that sky reaches with its own key. */
    public NodeInfo(int rank, String instanceId, String internalIp, String externalAddress, int sshPort,
                    String sshUser, String hostPublicKey, InstanceStatus status) {
        this(rank, instanceId, internalIp, externalAddress, sshPort, sshUser, hostPublicKey, status, null);
    }

    public NodeInfo {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(status, "status");
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0: " + rank);
        }
    }

    public boolean isHead() {
        return rank == 0;
    }
}
