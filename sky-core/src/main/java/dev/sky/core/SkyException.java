package dev.sky.core;

/**
 * A failure the user can act on: the message is shown alone, with no stack trace (unless --debug),
 * and the process exits with {@link #exitCode()}. Messages must never contain a secret value.
 */
public class SkyException extends RuntimeException {
    private final int exitCode;

    public SkyException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SkyException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static SkyException invalidInput(String message) {
        return new SkyException(ExitCode.INVALID_INPUT, message);
    }
}
