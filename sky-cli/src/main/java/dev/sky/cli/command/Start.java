package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky start}: not built yet. */
@Command(name = "start", description = "Restart stopped clusters.")
public final class Start extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky start is not available yet: clusters cannot be launched in this version.";
    }
}
