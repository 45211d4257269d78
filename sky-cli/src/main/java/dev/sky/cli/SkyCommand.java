package dev.sky.cli;

import dev.sky.cli.options.DebugOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sky}: the root command. Its subcommands are added by {@link CommandTree}. */
@Command(name = "sky",
        mixinStandardHelpOptions = true,
        versionProvider = SkyVersion.class,
        description = "Run ML workloads on any cloud at the lowest cost (SkyPilot-compatible task YAML and CLI).",
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
