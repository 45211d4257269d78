package dev.sky.cli.command;

import dev.sky.core.state.ClusterHistoryRecord;
import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLifecycle;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * A second {@code down} of a cluster sky tore down is a no-op that succeeds (scenario 8): the history shows the
     * cluster ended. A name sky never knew, or a glob, stays "no cluster matches".
     */
    @Override
    boolean reportedAlreadyDone(ClusterContext cc, List<String> names) {
        if (names.stream().anyMatch(n -> n.matches(".*[*?\\[].*"))) {
            return false;
        }
        Set<String> ended = cc.state().history().list().stream().filter(h -> h.endedAt() != null)
                .map(ClusterHistoryRecord::clusterName).collect(Collectors.toSet());
        if (!ended.containsAll(names)) {
            return false;
        }
        names.forEach(n -> out().println("Cluster '" + n + "' is already terminated."));
        return true;
    }

    @Override
    String done(String cluster) {
        return "Cluster '" + cluster + "' is torn down.";
    }
}
