package dev.sky.cli.cluster;

import dev.sky.cli.CliContext;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterHandle;
import dev.sky.provision.cluster.ClusterLifecycle;
import dev.sky.provision.cluster.ClusterNodes;
import dev.sky.provision.cluster.JobClient;
import dev.sky.provision.ssh.NodeRunnerPool;
import dev.sky.provision.ssh.SshOptions;
import java.util.List;

/** What the cluster commands share: the cluster context, name matching, and a job client on an UP cluster. */
public final class ClusterCommandSupport {
    private ClusterCommandSupport() {}

    public static ClusterContext context(CliContext cli) {
        return new ClusterContext(cli.paths(), cli.env());
    }

    /** The launcher path the local cloud's autostop hook runs (bin/sky sets it). */
    public static String launcher() {
        return System.getProperty("sky.launcher");
    }

    /** Records matching the names or globs; -a means all. An empty match of explicit names is exit 4. */
    public static List<ClusterRecord> select(ClusterLifecycle lc, List<String> names, boolean all) {
        if (!all && names.isEmpty()) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Name a cluster, or use -a/--all.");
        }
        List<ClusterRecord> found = lc.match(all ? List.of() : names);
        if (found.isEmpty() && !all) {
            throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "No cluster matches " + String.join(", ", names)
                    + ". See `sky status`.");
        }
        return found;
    }

    /** An open connection to an UP cluster's head, with its job client. Close the pool when done. */
    public record HeadSession(NodeRunnerPool nodes, JobClient jobs, ClusterHandle handle) implements AutoCloseable {
        @Override
        public void close() {
            nodes.close();
        }
    }

    public static HeadSession head(ClusterContext ctx, String cluster) {
        ClusterRecord r = ctx.state().clusters().get(cluster).orElseThrow(() -> new SkyException(
                ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + cluster + "' does not exist. See `sky status`."));
        if (r.status() != dev.sky.core.state.ClusterStatus.UP || r.handleJson() == null) {
            throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + cluster + "' is " + r.status()
                    + ", not UP." + (r.status() == dev.sky.core.state.ClusterStatus.STOPPED
                    ? " Run `sky start " + cluster + "` first." : ""));
        }
        ClusterHandle h = ClusterHandle.fromJson(r.handleJson());
        NodeRunnerPool nodes = ClusterNodes.open(h, ctx.keys().userKey().privateKey(), SshOptions.defaults());
        return new HeadSession(nodes, new JobClient(cluster, nodes.head()), h);
    }
}
