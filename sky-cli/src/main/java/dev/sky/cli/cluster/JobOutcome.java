package dev.sky.cli.cluster;

import dev.sky.core.ExitCode;
import dev.sky.provision.runtime.JobStatus;
import java.util.List;

/**
 * The exit code of {@code sky launch}/{@code sky exec} without -d, from the job's end (docs/cli.md): SUCCEEDED 0,
 * FAILED the first failing rank's own exit code, FAILED_SETUP 100, CANCELLED 103; and the last line, in words.
 */
public record JobOutcome(int exitCode, String line) {

    public static JobOutcome of(String cluster, long jobId, JobStatus status, List<Integer> exitCodes) {
        String job = "Job " + jobId + " on cluster '" + cluster + "'";
        if (status == null) {
            return new JobOutcome(ExitCode.GENERIC, job + " was not found.");
        }
        return switch (status) {
            case SUCCEEDED -> new JobOutcome(ExitCode.OK, job + " SUCCEEDED.");
            case FAILED_SETUP -> new JobOutcome(ExitCode.JOB_FAILED_SETUP, job + " FAILED_SETUP: its setup failed.");
            case CANCELLED -> new JobOutcome(ExitCode.JOB_CANCELLED, job + " was CANCELLED.");
            case FAILED -> {
                // Ranks that sky stopped because another failed end with SIGTERM/SIGKILL codes: skip them.
                int code = exitCodes.stream().filter(c -> c != 0 && c != 137 && c != 143).findFirst()
                        .orElse(exitCodes.stream().filter(c -> c != 0).findFirst().orElse(ExitCode.GENERIC));
                int rank = exitCodes.indexOf(code);
                yield new JobOutcome(code, job + " FAILED: rank " + rank + " exited with " + code
                        + " (exit codes by rank: " + exitCodes + ").");
            }
            case FAILED_DRIVER -> new JobOutcome(ExitCode.GENERIC, job + " FAILED: its driver died.");
            default -> new JobOutcome(ExitCode.GENERIC, job + " is still " + status + ".");
        };
    }
}
