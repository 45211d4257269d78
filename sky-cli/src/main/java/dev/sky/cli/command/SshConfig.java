package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky ssh-config}: not built yet. */
@Command(name = "ssh-config", description = "Write the SSH config entries that make 'ssh CLUSTER' work.")
public final class SshConfig extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky ssh-config is not available yet: clusters cannot be launched in this version.";
    }
}
