package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky jobs logs}: not built yet. */
@Command(name = "logs", description = "Show or follow the logs of a managed job.")
public final class JobsLogs extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "Managed jobs are not available yet: sky jobs logs has nothing to show.";
    }
}
