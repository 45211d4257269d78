package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.util.List;
import picocli.CommandLine.Unmatched;

/**
 * A command users know from SkyPilot that sky has not built yet. It accepts any arguments and says so in one line
 * (exit 1). To build the command, replace the subclass's body with a real {@link BaseCommand}; nothing else refers
 * to this class.
 */
@picocli.CommandLine.Command
public abstract class NotYetCommand extends BaseCommand {
    @Unmatched
    List<String> arguments;

    /** The one line shown to the user. */
    protected abstract String notAvailable();

    @Override
    protected final int run() {
        throw new SkyException(ExitCode.GENERIC, notAvailable());
    }
}
