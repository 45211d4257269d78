package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky autostop}: not built yet. */
@Command(name = "autostop", description = "Stop or tear down clusters after they have been idle.")
public final class Autostop extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky autostop is not available yet: clusters cannot be launched in this version.";
    }
}
