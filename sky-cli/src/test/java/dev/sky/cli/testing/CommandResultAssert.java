package dev.sky.cli.testing;

import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link CommandResult}; failures print the whole run (args, exit code, both streams). */
public final class CommandResultAssert extends AbstractAssert<CommandResultAssert, CommandResult> {

    public CommandResultAssert(CommandResult actual) {
        super(actual, CommandResultAssert.class);
    }

    public static CommandResultAssert assertThat(CommandResult actual) {
        return new CommandResultAssert(actual);
    }

    public CommandResultAssert succeeded() {
        return exitedWith(0);
    }

    public CommandResultAssert exitedWith(int code) {
        isNotNull();
        if (actual.exitCode() != code) {
            failWithMessage("expected exit code %d but was %d%n%s", code, actual.exitCode(), actual);
        }
        return this;
    }

    public CommandResultAssert outContains(String... parts) {
        for (String p : parts) {
            if (!actual.stdout().contains(p)) {
                failWithMessage("expected stdout to contain <%s>%n%s", p, actual);
            }
        }
        return this;
    }

    public CommandResultAssert outDoesNotContain(String part) {
        if (actual.stdout().contains(part)) {
            failWithMessage("expected stdout not to contain <%s>%n%s", part, actual);
        }
        return this;
    }

    public CommandResultAssert errContains(String... parts) {
        for (String p : parts) {
            if (!actual.stderr().contains(p)) {
                failWithMessage("expected stderr to contain <%s>%n%s", p, actual);
            }
        }
        return this;
    }

    public CommandResultAssert errDoesNotContain(String part) {
        if (actual.stderr().contains(part)) {
            failWithMessage("expected stderr not to contain <%s>%n%s", part, actual);
        }
        return this;
    }

    /** No Java stack trace on either stream. */
    public CommandResultAssert noStackTrace() {
        for (String s : new String[] {actual.stdout(), actual.stderr()}) {
            if (s.matches("(?s).*\\n\\s+at [\\w.$]+\\(.*")) {
                failWithMessage("expected no stack trace%n%s", actual);
            }
        }
        return this;
    }

    public CommandResultAssert hasStackTrace() {
        if (!actual.stderr().matches("(?s).*\\n\\s+at [\\w.$]+\\(.*")) {
            failWithMessage("expected a stack trace on stderr%n%s", actual);
        }
        return this;
    }

    /** stderr is empty, or exactly one line. */
    public CommandResultAssert errIsOneLine() {
        String e = actual.stderr().strip();
        if (e.isEmpty() || e.contains("\n")) {
            failWithMessage("expected exactly one line on stderr%n%s", actual);
        }
        return this;
    }
}
