package dev.sky.core.task;

/**
 * {@code resources.autostop} or {@code sky autostop}: stop (or tear down) the cluster after it has been idle.
 *
 * @param idleMinutes minutes of idleness before acting; negative disables autostop
 * @param down tear down instead of stop
 * @param waitFor what counts as activity: {@code jobs_and_ssh}, {@code jobs} or {@code none}
 */
public record Autostop(int idleMinutes, boolean down, String waitFor) {
    public static final String DEFAULT_WAIT_FOR = "jobs_and_ssh";
    public static final Autostop DISABLED = new Autostop(-1, false, DEFAULT_WAIT_FOR);

    public boolean enabled() {
        return idleMinutes >= 0;
    }
}
