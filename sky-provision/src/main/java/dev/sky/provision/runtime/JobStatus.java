package dev.sky.provision.runtime;

/**
 * A job's status in a cluster's job table, in SkyPilot's declared order (later statuses win an update).
 */
public enum JobStatus {
    INIT, PENDING, SETTING_UP, RUNNING, FAILED_DRIVER, SUCCEEDED, FAILED, FAILED_SETUP, CANCELLED;

    /** Whether the job has ended and will not change again. */
    public boolean isTerminal() {
        return ordinal() >= FAILED_DRIVER.ordinal();
    }

    /** Whether the job ended in a failure (of the user's code or of the driver). */
    public boolean isFailure() {
        return this == FAILED || this == FAILED_SETUP || this == FAILED_DRIVER;
    }

    /** Parses the one word {@code sky-rt status} prints. */
    public static JobStatus parse(String word) {
        String w = word.strip();
        for (JobStatus s : values()) {
            if (s.name().equals(w)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job status '" + w + "'");
    }
}
