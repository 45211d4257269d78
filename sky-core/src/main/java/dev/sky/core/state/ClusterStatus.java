package dev.sky.core.state;

/** A cluster's state, SkyPilot's {@code ClusterStatus}. */
public enum ClusterStatus {
    /** Provisioning started and has not finished (or failed half way); launching again repairs it. */
    INIT,
    /** The last provisioning succeeded. */
    UP,
    /** Stopped: disks kept, restart with {@code sky start}. */
    STOPPED
}
