package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.clouds.ssh.probe.PoolSetup;
import dev.sky.clouds.ssh.pools.NodePool;
import dev.sky.core.ExitCode;
import dev.sky.core.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sky ssh down [--infra POOL]}: forgets the pool(s), once no cluster uses them. */
@Command(name = "down", description = "Forget the pool(s) recorded by 'sky ssh up'; refused while a cluster uses"
        + " one of their hosts. The machines are not touched.")
public final class SshDown extends BaseCommand {
    @Option(names = "--infra", paramLabel = "POOL", description = "One pool (POOL or ssh/POOL); default: every pool.")
    String infra;

    @Override
    protected int run() {
        try (StateStore state = StateStore.at(context().paths())) {
            PoolSetup setup = new PoolSetup(context().paths(), state, null, null);
            List<String> names = new ArrayList<>();
            for (NodePool p : setup.select(infra)) {
                names.add(p.name());
            }
            // Check every pool before forgetting any, so a refusal changes nothing.
            for (String n : names) {
                List<String> users = state.sshHosts().leasesInPool(n).stream().map(l -> l.cluster()).distinct()
                        .toList();
                if (!users.isEmpty()) {
                    throw new dev.sky.core.SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Pool '" + n
                            + "' is in use by cluster(s) " + String.join(", ", users) + "; run `sky down "
                            + String.join(" ", users) + "` first.");
                }
            }
            for (String n : names) {
                setup.down(n);
                out().println("Pool '" + n + "' forgotten.");
            }
            return ExitCode.OK;
        }
    }
}
