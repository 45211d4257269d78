package dev.sky.cli;

import dev.sky.cli.command.Autostop;
import dev.sky.cli.command.Cancel;
import dev.sky.cli.command.Check;
import dev.sky.cli.command.Completion;
import dev.sky.cli.command.CostReport;
import dev.sky.cli.command.Down;
import dev.sky.cli.command.Exec;
import dev.sky.cli.command.Launch;
import dev.sky.cli.command.Local;
import dev.sky.cli.command.Logs;
import dev.sky.cli.command.Queue;
import dev.sky.cli.command.Serve;
import dev.sky.cli.command.ShowGpus;
import dev.sky.cli.command.SshConfig;
import dev.sky.cli.command.Start;
import dev.sky.cli.command.Status;
import dev.sky.cli.command.Stop;
import dev.sky.cli.command.Storage;
import dev.sky.cli.command.Jobs;
import dev.sky.cli.options.DebugOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sky}: the root command. Subcommands are listed in the order users meet them (as SkyPilot lists them); every
 * one appears in {@code sky --help}, which a test checks.
 */
@Command(name = "sky",
        mixinStandardHelpOptions = true,
        versionProvider = SkyVersion.class,
        description = "Run ML workloads on any cloud at the lowest cost (SkyPilot-compatible task YAML and CLI).",
        subcommands = {
            Launch.class, Exec.class, Status.class, Queue.class, Logs.class, Cancel.class, Stop.class, Start.class,
            Down.class, Autostop.class, CostReport.class, Check.class, ShowGpus.class, SshConfig.class,
            Storage.class, Jobs.class, Serve.class, Local.class, Completion.class
        },
        footer = {"", "Run 'sky COMMAND --help' for a command's flags. Exit codes: docs/cli.md."})
public final class SkyCommand implements Runnable {
    @Mixin
    DebugOption debug;

    private final CliContext context;

    public SkyCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Spec
    CommandSpec spec;

    /** {@code sky} alone prints the help. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
