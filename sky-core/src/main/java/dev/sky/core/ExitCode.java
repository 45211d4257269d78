package dev.sky.core;

/**
 * Every process exit code sky uses, named once. The table in docs/cli.md mirrors this class.
 */
public final class ExitCode {
    private ExitCode() {}

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Anything not covered below. */
    public static final int GENERIC = 1;
    /** Invalid input or usage: bad YAML, a bad flag, an unknown key. Nothing was created or written. */
    public static final int INVALID_INPUT = 2;
    /** No resources fit the request, or every candidate failed after failover. */
    public static final int NO_RESOURCES = 3;
    /** A cluster or job was not found, or is in the wrong state for the command. */
    public static final int NOT_FOUND_OR_WRONG_STATE = 4;

    /** {@code sky logs --status} and launch/exec: the job failed (for launch/exec: its setup failed). */
    public static final int JOB_FAILED = 100;
    /** {@code sky logs --status}: the job has not finished. */
    public static final int JOB_NOT_FINISHED = 101;
    /** {@code sky logs --status}: no such job. */
    public static final int JOB_NOT_FOUND = 102;
    /** The job was cancelled. */
    public static final int JOB_CANCELLED = 103;
    /** launch/exec: the job's setup failed. */
    public static final int JOB_FAILED_SETUP = 100;
}
