package dev.sky.provision.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verbs sky needs from a cloud to run a cluster's nodes. One implementation per cloud module, created by its
 * {@link ProvisionerFactory}. Rules for every implementation:
 * <ul>
 *   <li>Ask the cloud every time: do not cache cluster or node state inside the adapter. sky may run several
 *       commands at once, and nodes change underneath (preemption, autostop).</li>
 *   <li>Not found is an answer, not an error: {@link #query} returns an empty map and {@link #clusterInfo} an empty
 *       Optional for a cluster the cloud does not know.</li>
 *   <li>Map the SDK's errors once, at the edge, to the {@link ProvisionException} family: bad credentials to
 *       {@link CloudAuthException}; capacity and quota to {@link ResourcesUnavailableException} with the right
 *       {@link BlockScope}; a half-created multi-node cluster to {@link PartialProvisionException}.</li>
 *   <li>Do not check capabilities yourself: {@link Provisioners} wraps each adapter so that a verb the cloud declares
 *       unsupported fails with the declared reason before the adapter is called.</li>
 *   <li>No secret appears in a message, a log line or a label.</li>
 * </ul>
 */
public interface Provisioner {

    /** The cloud id, equal to its {@code CloudDescriptor.id()}. */
    String cloudId();

    /**
     * Creates the cluster's nodes, or reuses the ones that exist: nodes that are stopped are started, and missing
     * ones are created, so that calling it again after a failure repairs the cluster. Returns once the cloud has
     * accepted the request; nodes may still be {@link InstanceStatus#PENDING} (use {@link #waitFor}).
     * Must authorize {@code skyPublicKey} and {@code clusterPublicKey} for the node's SSH user.
     * Must not wait for SSH or install anything on the node.
     *
     * @throws ResourcesUnavailableException no capacity or quota; nothing is left running, or the caller is told
     *     what is through {@link PartialProvisionException}
     * @throws CloudAuthException the cloud rejected the credentials
     */
    ClusterInfo create(ProvisionRequest request);

    /**
     * Blocks until every node of the cluster is in {@code state} ({@link InstanceStatus#TERMINATED} also matches
     * a cluster that is gone). The default polls {@link #query}; clouds with a native waiter may override.
     *
     * @throws ProvisionException on timeout, when the cluster is missing while waiting for RUNNING or STOPPED, or
     *     when a node is gone while waiting for RUNNING
     */
    default void waitFor(ClusterRef cluster, InstanceStatus state, Duration timeout) {
        StatusWaiter.await(this, cluster, state, timeout, Duration.ofMillis(250));
    }

    /**
     * The status of each node, keyed by instance id, in rank order. Empty when the cloud does not know the cluster.
     * Reads the live state every call.
     */
    Map<String, InstanceStatus> query(ClusterRef cluster);

    /** Stops every node, keeping its disk. Must be idempotent: stopping a stopped cluster succeeds. */
    void stop(ClusterRef cluster);

    /**
     * Starts a stopped cluster's nodes in place: same nodes, same location. Returns when the cloud has accepted the
     * request (use {@link #waitFor}). Must be idempotent: starting a running cluster succeeds.
     *
     * @throws ProvisionException when the cluster does not exist
     */
    void start(ClusterRef cluster);

    /**
     * Deletes every node and whatever the cloud made for the cluster. Must be idempotent: terminating a cluster that
     * is gone, or was never there, succeeds without an error. Returns when the cloud has accepted the request.
     */
    void terminate(ClusterRef cluster);

    /** Opens the ports on every node of the cluster to inbound traffic. Opening an open port succeeds. */
    void openPorts(ClusterRef cluster, List<PortRange> ports);

    /**
     * Closes ports opened by {@link #openPorts}; SSH stays open. Closing a closed port succeeds. Clouds whose nodes
     * have no per-cluster firewall (the local cloud, SSH pools) keep the default: nothing to close.
     */
    default void closePorts(ClusterRef cluster, List<PortRange> ports) {}

    /** The cluster's nodes with their addresses, ports, user and pinned host keys; empty when it does not exist. */
    Optional<ClusterInfo> clusterInfo(ClusterRef cluster);

    /**
     * Where a file-mount destination lives on this cloud's nodes, as a path for the node's shell. Clouds whose nodes
     * are real machines return it unchanged; the local cloud moves absolute paths under the node's home.
     */
    default String nodePath(String destination) {
        return destination;
    }

    /**
     * The command the head's autostop watchdog runs to stop the cluster from inside (or, with {@code down}, to end
     * it), so that no cloud credentials need to be on the node. Empty when the cloud needs sky on this machine to do
     * it (the local cloud), in which case the watchdog runs {@code sky stop|down} here. Clouds may prepare the nodes
     * first (e.g. say what a shutdown from inside does).
     */
    default Optional<String> selfShutdownCommand(ClusterRef cluster, boolean down) {
        return Optional.empty();
    }

    /**
     * An optional extra interface this provisioner offers, such as the local cloud's node control. Callers ask for
     * an interface, never a cloud's class.
     */
    default <T> Optional<T> extension(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
