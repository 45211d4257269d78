package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.json.Json;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.task.Autostop;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.runtime.ShellQuote;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.RemoteRunner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets autostop on a cluster's head, where a watchdog acts even when no sky command runs. On the local cloud the
 * watchdog's hook runs {@code sky stop|down} on this machine, outside the node's process tracking so that tearing the
 * node down does not kill the command doing it.
 */
public final class AutostopSetter {
    private final ClusterContext ctx;

    public AutostopSetter(ClusterContext ctx) {
        this.ctx = ctx;
    }

    public void apply(String cluster, RemoteRunner head, Autostop autostop, String hookLauncher) {
        String hook = autostop.enabled() ? selfShutdown(cluster, autostop.down())
                .orElseGet(() -> hook(cluster, autostop, hookLauncher)) : null;
        CapturedOutput err = new CapturedOutput();
        int code = head.run(new RuntimeCommands(cluster).autostopSet(autostop, hook), null,
                dev.sky.provision.ssh.OutputSink.discard(), err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Setting autostop on " + cluster + " failed: "
                    + err.text().strip());
        }
        ClusterRecord r = ctx.state().clusters().get(cluster).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idle_minutes", autostop.idleMinutes());
        m.put("down", autostop.down());
        m.put("wait_for", autostop.waitFor());
        ctx.state().clusters().upsert(new ClusterRecord(r.name(), r.status(), r.cloud(), r.region(), r.zone(),
                r.numNodes(), r.resourcesJson(), r.handleJson(), autostop.enabled() ? Json.write(m) : null,
                r.launchedAt(), r.statusUpdatedAt(), r.ownerPid(), r.ownerOp()));
    }

    /** The cloud's own way for the node to stop itself (AWS: a shutdown from inside), if it has one. */
    private java.util.Optional<String> selfShutdown(String cluster, boolean down) {
        ClusterRecord r = ctx.state().clusters().get(cluster).orElseThrow();
        return ctx.provisioner(r.cloud()).selfShutdownCommand(
                new dev.sky.provision.spi.ClusterRef(cluster, r.region(), r.zone()), down);
    }

    private String hook(String cluster, Autostop autostop, String launcher) {
        if (launcher == null) {
            throw new SkyException(ExitCode.GENERIC, "autostop needs the sky launcher path (run sky through bin/sky)");
        }
        String javaHome = System.getProperty("java.home");
        String verb = autostop.down() ? "down" : "stop";
        String log = ctx.paths().logs().resolve("autostop-" + cluster + ".log").toString();
        // env -u drops the node's process marks, and setsid (where it exists) leaves the node's session, so the
        // teardown is not among the processes it kills.
        return "mkdir -p " + ShellQuote.quote(ctx.paths().logs().toString()) + "; "
                + "S=; command -v setsid >/dev/null 2>&1 && S=setsid; "
                + "env -u SKY_NODE_ID -u SKY_NODE_HOME SKY_HOME=" + ShellQuote.quote(ctx.paths().home().toString())
                + " HOME=" + ShellQuote.quote(ctx.paths().userHome().toString())
                + " JAVA_HOME=" + ShellQuote.quote(javaHome)
                + " $S nohup " + ShellQuote.quote(launcher) + " " + verb + " -y " + ShellQuote.quote(cluster)
                + " >>" + ShellQuote.quote(log) + " 2>&1 </dev/null &";
    }
}
