package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky status}: not built yet. */
@Command(name = "status", description = "Show clusters and their status.")
public final class Status extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky status is not available yet: clusters cannot be launched in this version.";
    }
}
