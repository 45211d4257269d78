package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.clouds.local.provision.LocalNodeControl;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sky local kill-node CLUSTER RANK}: kill one local node without warning, as a preemption would. */
@Command(name = "kill-node", description = "Kill one node of a local cluster without warning (simulates a"
        + " preemption): none of its processes survive.")
public final class LocalKillNode extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "RANK", description = "0 for the head, 1.. for workers.")
    int rank;

    @Override
    protected int run() {
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ClusterRecord r = cc.state().clusters().get(cluster).orElseThrow(() -> new SkyException(
                    ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + cluster + "' does not exist."));
            if (!"local".equals(r.cloud())) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "kill-node works on local clusters only;"
                        + " '" + cluster + "' is on " + r.cloud() + ".");
            }
            LocalNodeControl control = cc.provisioner("local").extension(LocalNodeControl.class).orElseThrow(
                    () -> new SkyException(ExitCode.GENERIC, "The local cloud's node control is missing."));
            control.killNode(cluster, rank);
            out().println("Killed node " + rank + " of '" + cluster + "'; none of its processes survive.");
            return ExitCode.OK;
        }
    }
}
