package dev.sky.provision.spi;

/** The state of one node as its cloud reports it, mapped to a cloud-neutral set. */
public enum InstanceStatus {
    /** Asked for, not yet running (booting, or waiting for capacity). */
    PENDING,
    RUNNING,
    STOPPING,
    /** Stopped with its disk kept; {@code start} brings it back. */
    STOPPED,
    TERMINATING,
    /** Gone, or preempted: it runs nothing and will not come back by itself. */
    TERMINATED;

    /** Whether the node is on its way to {@link #TERMINATED} or already there. */
    public boolean isGone() {
        return this == TERMINATING || this == TERMINATED;
    }
}
