package dev.sky.provision.cluster;

import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.Provisioner;
import java.time.Duration;
import java.time.Instant;

/** Starts a stopped cluster in place (no failover: same cloud, region and zone), recording the new addresses. */
final class ClusterStarter {
    private final ClusterContext ctx;

    ClusterStarter(ClusterContext ctx) {
        this.ctx = ctx;
    }

    ClusterHandle start(String name, ClusterHandle handle) {
        Provisioner p = ctx.provisioner(handle.cloud());
        ClusterRef ref = new ClusterRef(name, handle.region(), handle.zone());
        ClusterRecord r = ctx.state().clusters().get(name).orElseThrow();
        // Recorded before the call: a crash from here on leaves an INIT row that refresh and down handle.
        ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, r.cloud(), r.region(), r.zone(),
                r.numNodes(), r.resourcesJson(), r.handleJson(), r.autostopJson(), r.launchedAt(), Instant.now(),
                ProcessHandle.current().pid(), "start"));
        try {
            p.start(ref);
            p.waitFor(ref, InstanceStatus.RUNNING, Duration.ofMinutes(10));
        } catch (ProvisionException e) {
            throw stayStopped(p, ref, r, e);
        }
        ClusterHandle fresh = HostKeyLearner.learn(p.clusterInfo(ref).map(handle::withNodes).orElse(handle), handle);
        ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, r.cloud(), r.region(), r.zone(),
                fresh.nodes().size(), r.resourcesJson(), fresh.toJson(), r.autostopJson(), r.launchedAt(),
                Instant.now(), ProcessHandle.current().pid(), "start"));
        return fresh;
    }

    /**
     * A start that failed (no capacity in the cluster's zone, say) never moves or terminates the cluster: when its
     * nodes are still stopped the record goes back to STOPPED, otherwise it stays INIT for refresh to classify.
     */
    private SkyException stayStopped(Provisioner p, ClusterRef ref, ClusterRecord before, ProvisionException e) {
        boolean allStopped;
        try {
            var nodes = p.query(ref);
            allStopped = !nodes.isEmpty() && nodes.values().stream().allMatch(s -> s == InstanceStatus.STOPPED);
        } catch (RuntimeException queryFailed) {
            allStopped = false;
        }
        ClusterStatus status = allStopped ? ClusterStatus.STOPPED : ClusterStatus.INIT;
        ctx.state().clusters().upsert(new ClusterRecord(before.name(), status, before.cloud(), before.region(),
                before.zone(), before.numNodes(), before.resourcesJson(), before.handleJson(), before.autostopJson(),
                before.launchedAt(), Instant.now(), null, null));
        String where = before.cloud() + (before.region() == null ? "" : " " + before.region())
                + (before.zone() == null ? "" : " (" + before.zone() + ")");
        return new SkyException(e.exitCode(), "Could not start cluster '" + before.name() + "' in " + where + ": "
                + e.getMessage() + ". A stopped cluster is started only where its disks are; it is left " + status
                + ". Try `sky start " + before.name() + "` again later, or `sky down " + before.name() + "`.", e);
    }
}
