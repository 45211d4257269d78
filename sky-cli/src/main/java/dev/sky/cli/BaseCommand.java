package dev.sky.cli;

import dev.sky.cli.options.HelpOption;
import dev.sky.cli.render.Style;
import dev.sky.core.SkyException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Every sky command. Subclasses implement {@link #run()}: parse nothing themselves, call a service, render. A
 * {@link SkyException} becomes its exit code with only its message on stderr (the stack trace only with --debug or
 * SKY_DEBUG=1); anything else is left to {@link Main}'s handler, which reports it as an internal error.
 */
@picocli.CommandLine.Command
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    HelpOption help;

    /** The command's work; returns the exit code (an {@link dev.sky.core.ExitCode} constant). */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (SkyException e) {
            out().flush(); // what stdout already holds comes first: the error is the last line
            reportError(e);
            return e.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** One line on stderr: the message, prefixed with {@code sky: } unless it names a file itself. */
    protected void reportError(SkyException e) {
        err().println(Errors.line(e));
        if (debug()) {
            e.printStackTrace(err());
        }
    }

    protected CliContext context() {
        return ((SkyCommand) spec.root().userObject()).context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Style style() {
        return context().style();
    }

    /** A warning on stderr, so that stdout stays clean for --json. */
    protected void warn(String message) {
        err().println(style().yellow("Warning: ") + message);
    }

    /** Whether --debug was given anywhere on the command line, or SKY_DEBUG=1. */
    protected boolean debug() {
        return debugRequested(spec.root().commandLine().getParseResult(), context());
    }

    static boolean debugRequested(ParseResult root, CliContext ctx) {
        for (ParseResult pr = root; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return ctx != null && ctx.debugFromEnv();
    }
}
