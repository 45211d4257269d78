package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky logs}: not built yet. */
@Command(name = "logs", description = "Show or follow the logs of a job on a cluster.")
public final class Logs extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky logs is not available yet: clusters cannot be launched in this version.";
    }
}
