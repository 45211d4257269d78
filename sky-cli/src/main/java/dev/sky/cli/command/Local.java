package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky local}: not built yet. */
@Command(name = "local", description = "Manage the local cloud's nodes (e.g. kill-node to simulate a preemption).")
public final class Local extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky local is not available yet: clusters cannot be launched in this version.";
    }
}
