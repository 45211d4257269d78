package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky stop}: not built yet. */
@Command(name = "stop", description = "Stop clusters (their disks are kept).")
public final class Stop extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky stop is not available yet: clusters cannot be launched in this version.";
    }
}
