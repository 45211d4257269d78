package dev.sky.cli;

import dev.sky.core.SkyException;

/** How an error reads on stderr. */
final class Errors {
    private Errors() {}

    /**
     * {@code sky: <message>}; a message that starts with a location ({@code task.yaml:4:3: ...}) is printed as it is,
     * so that editors and terminals can jump to it.
     */
    static String line(SkyException e) {
        String m = e.getMessage() == null ? "failed" : e.getMessage();
        return m.matches("(?s)^[^\\s:]+:\\d+(:\\d+)?: .*") ? m : "sky: " + m;
    }
}
