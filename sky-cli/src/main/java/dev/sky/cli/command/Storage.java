package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky storage}: not built yet. */
@Command(name = "storage", description = "List and delete storage buckets created by sky (ls, delete).")
public final class Storage extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky storage is not available yet.";
    }
}
