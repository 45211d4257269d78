package dev.sky.cli;

import dev.sky.cli.command.Autostop;
import dev.sky.cli.command.Cancel;
import dev.sky.cli.command.Check;
import dev.sky.cli.command.Completion;
import dev.sky.cli.command.CostReport;
import dev.sky.cli.command.Down;
import dev.sky.cli.command.Exec;
import dev.sky.cli.command.Gc;
import dev.sky.cli.command.Jobs;
import dev.sky.cli.command.Launch;
import dev.sky.cli.command.Local;
import dev.sky.cli.command.Logs;
import dev.sky.cli.command.Queue;
import dev.sky.cli.command.Serve;
import dev.sky.cli.command.ShowGpus;
import dev.sky.cli.command.Ssh;
import dev.sky.cli.command.SshConfig;
import dev.sky.cli.command.Start;
import dev.sky.cli.command.Status;
import dev.sky.cli.command.Stop;
import dev.sky.cli.command.Storage;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The subcommands of {@code sky}, in the order users meet them (as SkyPilot lists them). Every one appears in
 * {@code sky --help}, which a test checks.
 *
 * <p>picocli reads every option of every command by reflection when it builds the tree, which is most of sky's
 * start-up. So only the command being run is built in full; the others are a name and a description, which is all
 * that help and "did you mean" need.
 */
final class CommandTree {
    static final List<Class<?>> COMMANDS = List.of(Launch.class, Exec.class, Status.class, Queue.class, Logs.class,
            Cancel.class, Stop.class, Start.class, Down.class, Gc.class, Autostop.class, CostReport.class, Check.class,
            ShowGpus.class, Ssh.class, SshConfig.class, Storage.class, Jobs.class, Serve.class, Local.class,
            Completion.class);

    /** Commands that need the whole tree (completion scripts list every flag). */
    private static final String NEEDS_ALL = "completion";

    private CommandTree() {}

    /** Every command built in full. */
    static CommandLine full(CliContext ctx) {
        CommandLine root = new CommandLine(new SkyCommand(ctx));
        for (Class<?> c : COMMANDS) {
            root.addSubcommand(new CommandLine(c));
        }
        return root;
    }

    /** The command named by {@code args} built in full, the others as placeholders. */
    static CommandLine forArgs(CliContext ctx, String[] args) {
        String invoked = firstWord(args);
        if (NEEDS_ALL.equals(invoked)) {
            return full(ctx);
        }
        CommandLine root = new CommandLine(new SkyCommand(ctx));
        for (Class<?> c : COMMANDS) {
            Command meta = c.getAnnotation(Command.class);
            if (meta.name().equals(invoked)) {
                root.addSubcommand(new CommandLine(c));
            } else {
                CommandSpec placeholder = CommandSpec.create().name(meta.name());
                placeholder.usageMessage().description(meta.description());
                root.addSubcommand(meta.name(), new CommandLine(placeholder));
            }
        }
        return root;
    }

    /** The first argument that is not an option of {@code sky} itself. */
    private static String firstWord(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
