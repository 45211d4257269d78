package dev.sky.clouds.aws.emulator;

/** EC2's instance states with their numeric codes. */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped");

    final int code;
    final String wireName;

    InstanceState(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The state a transitional state settles in. */
    InstanceState settled() {
        return switch (this) {
            case PENDING -> RUNNING;
            case STOPPING -> STOPPED;
            case SHUTTING_DOWN -> TERMINATED;
            default -> this;
        };
    }
}
