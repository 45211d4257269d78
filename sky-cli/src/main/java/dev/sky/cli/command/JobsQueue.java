package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky jobs queue}: not built yet. */
@Command(name = "queue", description = "Show managed jobs and their status.")
public final class JobsQueue extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "Managed jobs are not available yet: sky jobs queue has nothing to show.";
    }
}
