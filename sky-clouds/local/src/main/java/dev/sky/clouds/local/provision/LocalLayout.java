package dev.sky.clouds.local.provision;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a local cluster's files live under {@code SKY_HOME/local}. A node's home is {@code <cluster>/node-<rank>/};
 * what only the node host reads (host key, authorized keys, markers) sits in its {@code .sky-node/} folder.
 *
 * @param root {@code SKY_HOME/local}
 */
public record LocalLayout(Path root) {
    /** SkyPilot's cluster name rule; it also keeps names safe as folder names. */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-zA-Z]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?");

    public static boolean isValidClusterName(String name) {
        return name != null && name.length() <= 64 && CLUSTER_NAME.matcher(name).matches();
    }

    /** The lock that serializes address allocation across processes. */
    public Path allocationLock() {
        return root.resolve(".allocate.lock");
    }

    public Path clusterDir(String cluster) {
        return root.resolve(cluster);
    }

    /** The cluster's nodes, addresses, ports and user, written once at create. */
    public Path specFile(String cluster) {
        return clusterDir(cluster).resolve("cluster.properties");
    }

    /** {@code running} or {@code stopped}: what the user last asked for. */
    public Path desiredStateFile(String cluster) {
        return clusterDir(cluster).resolve("cluster.state");
    }

    public Path hostPidFile(String cluster) {
        return clusterDir(cluster).resolve("host.pid");
    }

    public Path hostLog(String cluster) {
        return clusterDir(cluster).resolve("host.log");
    }

    /** The host JVM's argument file: keeps a long class path off the command line. */
    public Path hostArgs(String cluster) {
        return clusterDir(cluster).resolve("host.args");
    }

    public Path nodeHome(String cluster, int rank) {
        return clusterDir(cluster).resolve("node-" + rank);
    }

    public Path nodePrivateDir(String cluster, int rank) {
        return nodeHome(cluster, rank).resolve(".sky-node");
    }

    public Path hostKey(String cluster, int rank) {
        return nodePrivateDir(cluster, rank).resolve("ssh_host_ecdsa_key");
    }

    public Path hostPublicKey(String cluster, int rank) {
        return nodePrivateDir(cluster, rank).resolve("ssh_host_ecdsa_key.pub");
    }

    public Path authorizedKeys(String cluster, int rank) {
        return nodePrivateDir(cluster, rank).resolve("authorized_keys");
    }

    /** Present while the node is killed (preempted); {@code start} removes it. */
    public Path killedMarker(String cluster, int rank) {
        return nodePrivateDir(cluster, rank).resolve("killed");
    }

    /** Written by the node host once a killed node's server is closed and its processes are gone. */
    public Path killedAck(String cluster, int rank) {
        return nodePrivateDir(cluster, rank).resolve("killed.ack");
    }

    /**
     * The file the runtime's autostop watchdog reads: touched while an SSH session to the node is open. Relative to
     * the node home it is {@code .sky/clusters/<cluster>/node-<rank>/ssh_activity}.
     */
    public Path sshActivity(String cluster, int rank) {
        return nodeHome(cluster, rank).resolve(".sky").resolve("clusters").resolve(cluster)
                .resolve("node-" + rank).resolve("ssh_activity");
    }
}
