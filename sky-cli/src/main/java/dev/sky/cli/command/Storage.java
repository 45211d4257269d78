package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import picocli.CommandLine.Command;

/** {@code sky storage}: the buckets sky recorded (ls, delete). */
@Command(name = "storage", description = "List and delete storage buckets created by sky (ls, delete).",
        subcommands = {StorageLs.class, StorageDelete.class})
public final class Storage extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(out());
        return 0;
    }
}
