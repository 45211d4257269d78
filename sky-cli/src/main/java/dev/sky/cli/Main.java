package dev.sky.cli;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The entry point. The only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: tables use a check mark and JSON is UTF-8 by definition.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), UTF_8), true);
        int code = run(args, CliContext.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one sky command line and returns its exit code; used in-process by tests. */
    public static int run(String[] args, CliContext ctx, PrintWriter out, PrintWriter err) {
        CommandLine cl = configure(CommandTree.forArgs(ctx, args), ctx);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The whole command tree, with sky's error handling. Building it loads no cloud, catalog or database. */
    public static CommandLine commandLine(CliContext ctx) {
        return configure(CommandTree.full(ctx), ctx);
    }

    private static CommandLine configure(CommandLine cl, CliContext ctx) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(usageErrors());
        cl.setExecutionExceptionHandler(internalErrors(ctx));
        return cl;
    }

    /** A usage error: one line, a suggestion when there is one, where to get help; exit 2. */
    private static IParameterExceptionHandler usageErrors() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("sky: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCode.INVALID_INPUT;
        };
    }

    /** Anything a command did not turn into a {@link SkyException} is a bug: say so in one line (trace with --debug). */
    private static IExecutionExceptionHandler internalErrors(CliContext ctx) {
        return (Exception ex, CommandLine cmd, CommandLine.ParseResult pr) -> {
            PrintWriter err = cmd.getErr();
            boolean debug = BaseCommand.debugRequested(cmd.getCommandSpec().root().commandLine().getParseResult(), ctx);
            if (ex instanceof SkyException se) {
                err.println(Errors.line(se));
                if (debug) {
                    se.printStackTrace(err);
                }
                err.flush();
                return se.exitCode();
            }
            err.println("sky: internal error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.GENERIC;
        };
    }
}
