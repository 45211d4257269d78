package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky jobs cancel}: not built yet. */
@Command(name = "cancel", description = "Cancel managed jobs.")
public final class JobsCancel extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "Managed jobs are not available yet: sky jobs cancel has nothing to cancel.";
    }
}
