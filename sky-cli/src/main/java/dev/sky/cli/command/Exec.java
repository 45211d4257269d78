package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky exec}: not built yet. */
@Command(name = "exec", description = "Run a task on an existing cluster (syncs the workdir, skips setup).")
public final class Exec extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky exec is not available yet: clusters cannot be launched in this version.";
    }
}
