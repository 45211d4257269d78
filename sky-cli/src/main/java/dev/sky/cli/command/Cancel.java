package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky cancel}: not built yet. */
@Command(name = "cancel", description = "Cancel jobs on a cluster.")
public final class Cancel extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky cancel is not available yet: clusters cannot be launched in this version.";
    }
}
