package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.clouds.ssh.probe.HostProbe;
import dev.sky.clouds.ssh.probe.PoolSetup;
import dev.sky.clouds.ssh.pools.NodePool;
import dev.sky.core.ExitCode;
import dev.sky.core.state.StateStore;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sky ssh up [--infra POOL]}: checks every host of the pool(s) and records what it found. */
@Command(name = "up", description = "Check every host of the pool(s) (login, CPUs, memory, GPUs, OS, disk) and record"
        + " them with their host keys, so that tasks can run there with --infra ssh/POOL.")
public final class SshUp extends BaseCommand {
    /** Free space a host's home folder needs for the runtime, the workdir and logs. */
    static final double MIN_DISK_GB = 1.0;

    @Option(names = "--infra", paramLabel = "POOL", description = "One pool (POOL or ssh/POOL); default: every pool.")
    String infra;

    @Override
    protected int run() {
        String user = context().env().getOrDefault("USER", System.getProperty("user.name"));
        boolean ok = true;
        HostProbe.preferJdkCrypto(); // this process only probes: BouncyCastle is loaded only if a host needs it
        try (StateStore state = StateStore.at(context().paths())) {
            PoolSetup setup = new PoolSetup(context().paths(), state, user,
                    new HostProbe(Duration.ofSeconds(15), MIN_DISK_GB));
            for (NodePool pool : setup.select(infra)) {
                PoolSetup.PoolReport report = setup.up(pool);
                ok &= report.ok();
                print(report);
            }
        }
        return ok ? ExitCode.OK : ExitCode.GENERIC;
    }

    private void print(PoolSetup.PoolReport r) {
        if (r.problem() != null) {
            err().println("Pool '" + r.pool() + "': " + r.problem());
            return;
        }
        long good = r.hosts().stream().filter(h -> h.problem() == null).count();
        out().println("Pool '" + r.pool() + "': " + good + " of " + r.hosts().size() + " host(s) ready.");
        for (PoolSetup.HostLine h : r.hosts()) {
            if (h.problem() != null) {
                err().println("  " + h.host().key() + ": " + h.problem());
                continue;
            }
            var f = h.facts();
            out().println("  " + h.host().key() + ": " + f.shape() + ", " + f.os() + " " + f.arch() + ", "
                    + (f.diskFreeGb() < 0 ? "disk free unknown" : fmt(f.diskFreeGb()) + " GB free"));
            if (h.note() != null) {
                out().println("    " + h.note());
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
