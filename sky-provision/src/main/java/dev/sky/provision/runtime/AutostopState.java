package dev.sky.provision.runtime;

/**
 * The head node's autostop setting and watchdog, as {@code sky-rt autostop show} reports them.
 *
 * @param idleMinutes minutes of idleness before the hook runs; -1 when autostop is off
 * @param down whether the hook tears the cluster down (rather than stopping it)
 * @param waitFor what counts as activity: {@code jobs_and_ssh}, {@code jobs} or {@code none}
 * @param watchdogRunning whether the watchdog process is alive
 * @param hookRan whether the watchdog has run the hook since autostop was last set
 * @param polls how many times the watchdog has looked since it started
 * @param idleSeconds idleness counted so far, in unscaled seconds (reset by any activity)
 */
public record AutostopState(int idleMinutes, boolean down, String waitFor, boolean watchdogRunning, boolean hookRan,
        long polls, long idleSeconds) {}
