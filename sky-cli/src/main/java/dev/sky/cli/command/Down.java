package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky down}: not built yet. */
@Command(name = "down", description = "Tear down clusters.")
public final class Down extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky down is not available yet: clusters cannot be launched in this version.";
    }
}
