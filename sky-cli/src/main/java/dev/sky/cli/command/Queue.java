package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky queue}: not built yet. */
@Command(name = "queue", description = "Show the job queue of clusters.")
public final class Queue extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky queue is not available yet: clusters cannot be launched in this version.";
    }
}
