package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.lock.ClusterLock;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.task.Autostop;
import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.reconcile.Reconciler;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.ssh.NodeRunnerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** stop, start, down, autostop and status --refresh, each under the cluster's lock. */
public final class ClusterLifecycle {
    private final ClusterContext ctx;
    private final LaunchProgress progress;

    public ClusterLifecycle(ClusterContext ctx, LaunchProgress progress) {
        this.ctx = ctx;
        this.progress = progress;
    }

    /** The clusters whose names match any of the globs ({@code *}, {@code ?}, {@code [...]}), by name. */
    public List<ClusterRecord> match(Collection<String> globs) {
        List<ClusterRecord> all = ctx.state().clusters().list();
        if (globs.isEmpty()) {
            return all;
        }
        List<ClusterRecord> out = new ArrayList<>();
        for (ClusterRecord r : all) {
            if (globs.stream().anyMatch(g -> glob(g).matcher(r.name()).matches())) {
                out.add(r);
            }
        }
        return out;
    }

    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[', ']' -> re.append(c);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /**
     * Terminates the cluster and removes its record once the cloud confirms no node is left. A terminate that fails
     * keeps the record and throws with what to do; with {@code purge} the record goes anyway, with a warning.
     */
    public void down(String name, boolean purge) {
        try (ClusterLock lock = lock(name, "down")) {
            ClusterRecord r = require(name);
            ClusterTeardown teardown = new ClusterTeardown(ctx, progress);
            try {
                teardown.terminateAndForget(name, r.cloud(), new ClusterRef(name, r.region(), r.zone()),
                        r.status() == ClusterStatus.INIT);
            } catch (SkyException e) {
                if (!purge) {
                    throw e;
                }
                progress.info("Warning: " + e.getMessage() + " Removing the record anyway (--purge): whatever is"
                        + " still on " + r.cloud() + " is no longer tracked; `sky gc` lists it.");
                teardown.forget(name);
            }
            ctx.state().reconcile().clearAbsent(name);
        }
    }

    public void stop(String name) {
        try (ClusterLock lock = lock(name, "stop")) {
            ClusterRecord r = require(name);
            if (r.status() == ClusterStatus.STOPPED) {
                progress.info("Cluster '" + name + "' is already stopped.");
                return;
            }
            Provisioner p = ctx.provisioner(r.cloud());
            ClusterRef ref = new ClusterRef(name, r.region(), r.zone());
            p.stop(ref);
            p.waitFor(ref, InstanceStatus.STOPPED, Duration.ofMinutes(10));
            ctx.state().clusters().upsert(copy(r, ClusterStatus.STOPPED, r.handleJson()));
            SshAccess.remove(ctx, name);
        }
    }

    public ClusterHandle start(String name) {
        try (ClusterLock lock = lock(name, "start")) {
            ClusterRecord r = require(name);
            ClusterHandle h = handle(r);
            if (h == null) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + name
                        + "' never finished provisioning; run `sky launch -c " + name + " ...` or `sky down "
                        + name + "`.");
            }
            if (r.status() == ClusterStatus.UP) {
                progress.info("Cluster '" + name + "' is already UP.");
                return h;
            }
            ClusterHandle fresh = new ClusterStarter(ctx).start(name, h);
            try (NodeRunnerPool nodes = ClusterNodes.open(fresh, ctx.keys().userKey().privateKey(),
                    NodeReadiness.options())) {
                NodeReadiness.awaitSsh(nodes);
                RuntimeInstaller.install(name, fresh, nodes, ctx.keys());
                RuntimeInstaller.startDaemons(name, nodes);
            }
            ClusterRecord now = ctx.state().clusters().get(name).orElseThrow();
            ctx.state().clusters().upsert(copy(now, ClusterStatus.UP, fresh.toJson()));
            SshAccess.write(ctx, name, fresh);
            return fresh;
        }
    }

    public void autostop(String name, Autostop autostop, String hookLauncher) {
        try (ClusterLock lock = lock(name, "autostop")) {
            ClusterRecord r = require(name);
            if (r.status() != ClusterStatus.UP) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + name + "' is "
                        + r.status() + "; autostop needs it UP.");
            }
            ClusterHandle h = handle(r);
            try (NodeRunnerPool nodes = ClusterNodes.open(h, ctx.keys().userKey().privateKey(),
                    NodeReadiness.options())) {
                new AutostopSetter(ctx).apply(name, nodes.head(), autostop, hookLauncher);
            }
        }
    }

    /**
     * Reconciles one cluster's record with what its cloud reports. Returns the new record, or empty when the cluster
     * is gone (its record removed). A cluster another command is still working on is left alone.
     */
    public Optional<ClusterRecord> refresh(ClusterRecord r) {
        return reconciler().refreshOne(r).after();
    }

    /** Reconciles the clusters in parallel (see {@link Reconciler}); outcomes in the order given. */
    public List<Reconciled> refreshAll(Collection<ClusterRecord> rows) {
        return reconciler().refresh(rows);
    }

    private Reconciler reconciler() {
        return new Reconciler(ctx, Reconciler.scaledGrace(), name -> new ClusterTeardown(ctx, progress).forget(name),
                new SshRuntimeProbe(ctx));
    }

    private ClusterLock lock(String name, String op) {
        return ClusterLock.acquire(ctx.paths().locks(), name, op, ClusterLauncher.LOCK_WAIT, progress::info);
    }

    private ClusterRecord require(String name) {
        return ctx.state().clusters().get(name).orElseThrow(() -> new SkyException(
                ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + name + "' does not exist."));
    }

    static ClusterHandle handle(ClusterRecord r) {
        return r.handleJson() == null ? null : ClusterHandle.fromJson(r.handleJson());
    }

    private static ClusterRecord copy(ClusterRecord r, ClusterStatus status, String handleJson) {
        return new ClusterRecord(r.name(), status, r.cloud(), r.region(), r.zone(), r.numNodes(), r.resourcesJson(),
                handleJson, r.autostopJson(), r.launchedAt(), Instant.now(), null, null);
    }
}
