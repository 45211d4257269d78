package dev.sky.cli.options;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --debug}: show stack traces on errors. Declared once on {@code sky} and inherited by every subcommand. */
public final class DebugOption {
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the stack trace of an error (also: SKY_DEBUG=1).")
    public boolean debug;
}
