package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import picocli.CommandLine.Command;

/** {@code sky ssh}: SSH node pools, the machines listed in SKY_HOME/ssh_node_pools.yaml. */
@Command(name = "ssh", description = "Set up (up) or forget (down) SSH node pools from ssh_node_pools.yaml.",
        subcommands = {SshUp.class, SshDown.class})
public final class Ssh extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(out());
        return 0;
    }
}
