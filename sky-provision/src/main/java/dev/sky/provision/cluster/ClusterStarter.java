package dev.sky.provision.cluster;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
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
        p.start(ref);
        p.waitFor(ref, InstanceStatus.RUNNING, Duration.ofMinutes(10));
        ClusterHandle fresh = p.clusterInfo(ref).map(handle::withNodes).orElse(handle);
        ctx.state().clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, r.cloud(), r.region(), r.zone(),
                fresh.nodes().size(), r.resourcesJson(), fresh.toJson(), r.autostopJson(), r.launchedAt(),
                Instant.now(), ProcessHandle.current().pid(), "start"));
        return fresh;
    }
}
