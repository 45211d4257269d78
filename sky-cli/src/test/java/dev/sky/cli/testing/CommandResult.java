package dev.sky.cli.testing;

import java.util.List;

/**
 * What one sky run produced.
 *
 * @param args the arguments sky was run with
 * @param exitCode the process (or {@code Main.run}) exit code
 * @param stdout everything written to stdout
 * @param stderr everything written to stderr
 */
public record CommandResult(List<String> args, int exitCode, String stdout, String stderr) {

    /** AssertJ-style checks: {@code assertThat(result).succeeded().outContains("...")}. */
    public CommandResultAssert check() {
        return new CommandResultAssert(this);
    }

    @Override
    public String toString() {
        return "sky " + String.join(" ", args) + "\n--- exit " + exitCode + "\n--- stdout\n" + stdout
                + "--- stderr\n" + stderr;
    }
}
