package dev.sky.cli.command;

import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sky down}: terminate clusters; the record goes only once the cloud confirms the nodes are gone. */
@Command(name = "down", description = "Tear down clusters (nodes and disks are deleted).")
public final class Down extends LifecycleCommand {
    @Option(names = {"-p", "--purge"}, description = "Remove the record even if the cloud fails to confirm.")
    boolean purge;

    @Override
    String verbing() {
        return "Tearing down";
    }

    @Override
    void act(ClusterLifecycle lc, ClusterRecord r) {
        lc.down(r.name(), purge);
    }

    @Override
    String done(String cluster) {
        return "Cluster '" + cluster + "' is torn down.";
    }
}
