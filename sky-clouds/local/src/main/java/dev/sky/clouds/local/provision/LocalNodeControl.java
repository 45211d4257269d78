package dev.sky.clouds.local.provision;

/**
 * What only the local cloud can do, reached with {@code provisioner.extension(LocalNodeControl.class)}: simulate the
 * preemption of one node.
 */
public interface LocalNodeControl {

    /**
     * Kills one node without warning, as a preemption would: its SSH server stops accepting and none of its processes
     * survive, while the other nodes keep running. The node then reports TERMINATED until the cluster is started
     * again. Returns once the node's port refuses connections and its processes are gone.
     *
     * @throws dev.sky.provision.spi.ProvisionException no such cluster or rank, or the node did not die in time
     */
    void killNode(String cluster, int rank);

    /** The node's home on this machine ({@code SKY_HOME/local/<cluster>/node-<rank>}). */
    java.nio.file.Path nodeHome(String cluster, int rank);
}
