package dev.sky.cli.render;

import java.util.Map;

/**
 * Colour and bold for terminal output. On only when stdout is a terminal and NO_COLOR is unset (https://no-color.org),
 * so piped output and tests see plain text.
 */
public final class Style {
    private final boolean ansi;

    public Style(boolean ansi) {
        this.ansi = ansi;
    }

    /** Decides from the environment and whether stdout is a terminal. */
    public static Style detect(Map<String, String> env, boolean stdoutIsTerminal) {
        String noColor = env.get("NO_COLOR");
        boolean off = (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
        return new Style(stdoutIsTerminal && !off);
    }

    public static Style plain() {
        return new Style(false);
    }

    public boolean ansi() {
        return ansi;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return ansi ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
