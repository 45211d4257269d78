package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import picocli.CommandLine.Command;

/** {@code sky local}: the local cloud's own tools. */
@Command(name = "local", description = "Manage the local cloud's nodes (e.g. kill-node to simulate a preemption).",
        subcommands = {LocalKillNode.class})
public final class Local extends BaseCommand {
    @Override
    protected int run() {
        spec.commandLine().usage(out());
        return 0;
    }
}
