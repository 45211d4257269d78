package dev.sky.cli.command;

import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.task.Autostop;
import dev.sky.provision.cluster.ClusterLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sky start}: start stopped clusters in place (no failover). */
@Command(name = "start", description = "Start stopped clusters (same cloud, region and zone).")
public final class Start extends LifecycleCommand {
    @Option(names = {"-i", "--idle-minutes-to-autostop"}, paramLabel = "MIN", description = "Set autostop.")
    Integer idleMinutes;

    @Option(names = "--down", description = "With -i: tear down instead of stop.")
    boolean down;

    @Override
    String verbing() {
        return "Starting";
    }

    @Override
    void act(ClusterLifecycle lc, ClusterRecord r) {
        lc.start(r.name());
        if (idleMinutes != null) {
            lc.autostop(r.name(), new Autostop(idleMinutes, down, Autostop.DEFAULT_WAIT_FOR),
                    ClusterCommandSupport.launcher());
        }
    }

    @Override
    String done(String cluster) {
        return "Cluster '" + cluster + "' is UP.";
    }
}
