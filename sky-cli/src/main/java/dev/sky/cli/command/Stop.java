package dev.sky.cli.command;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.ClusterLifecycle;
import picocli.CommandLine.Command;

/** {@code sky stop}: stop nodes, keep their disks. */
@Command(name = "stop", description = "Stop clusters (their disks are kept; restart with sky start).")
public final class Stop extends LifecycleCommand {
    @Override
    String verbing() {
        return "Stopping";
    }

    @Override
    boolean skip(ClusterRecord r) {
        return all && r.status() == ClusterStatus.STOPPED;
    }

    @Override
    void act(ClusterLifecycle lc, ClusterRecord r) {
        lc.stop(r.name());
    }

    @Override
    String done(String cluster) {
        return "Cluster '" + cluster + "' is STOPPED. To restart it: sky start " + cluster;
    }
}
