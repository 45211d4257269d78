package dev.sky.cli.cluster;

import dev.sky.cli.CliContext;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** "Proceed? [Y/n]" — and, when nobody can answer (stdin is not a terminal), a refusal at once instead of a hang. */
public final class Confirm {
    private Confirm() {}

    public static void ask(CliContext ctx, PrintWriter err, boolean yes, String question, String command) {
        if (yes) {
            return;
        }
        if (!ctx.interactive()) {
            throw new SkyException(ExitCode.INVALID_INPUT, command + " asks for confirmation, but stdin is not a"
                    + " terminal: pass -y to proceed without asking.");
        }
        err.print(question + " Proceed? [Y/n]: ");
        err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
            if (answer != null && (answer.isBlank() || answer.trim().toLowerCase().startsWith("y"))) {
                return;
            }
        } catch (IOException e) {
            // Treated as no.
        }
        throw new SkyException(ExitCode.GENERIC, "Aborted: nothing was done.");
    }
}
