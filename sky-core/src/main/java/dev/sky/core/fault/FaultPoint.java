package dev.sky.core.fault;

import java.io.PrintStream;
import java.util.List;

/**
 * Named places in a launch where tests inject a crash or a hang from outside: {@code SKY_FAULT=<point>:halt} ends the
 * process at once, as kill -9 would; {@code SKY_FAULT=<point>:block} makes it wait there forever (until killed).
 * Several may be given, comma-separated. docs/reliability.md lists every point, and one test enumerates them.
 */
public enum FaultPoint {
    /** The cluster row (INIT) is written; nothing created yet. */
    AFTER_STATE_INIT("launch.afterStateInit"),
    /** Just before the cloud's create call. */
    BEFORE_CREATE("launch.beforeCreate"),
    /**
     * The create call returned and its answer is in hand, but not yet recorded: the row still holds the planned
     * location with no nodes. A halt here leaves what a lost answer leaves (instances exist, the handle lacks them).
     */
    AFTER_CREATE_RETURNED("launch.afterCreateReturned"),
    /** The create call returned; the nodes exist and are recorded (INIT). */
    AFTER_CREATE("launch.afterCreate"),
    /** The nodes answer SSH. */
    AFTER_SSH_READY("launch.afterSshReady"),
    /** The runtime is installed on every node. */
    AFTER_RUNTIME_INSTALL("launch.afterRuntimeInstall"),
    /** The workdir and file mounts are synced. */
    AFTER_SYNC("launch.afterSync"),
    /** The cluster is recorded UP. */
    AFTER_STATE_UP("launch.afterStateUp"),
    /** The job is submitted to the head node. */
    AFTER_SUBMIT("launch.afterSubmit"),
    /** During sky down: terminate was called, the row not yet deleted. */
    DOWN_AFTER_TERMINATE("down.afterTerminate");

    private final String id;

    FaultPoint(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<FaultPoint> all() {
        return List.of(values());
    }

    /** Acts on this point if SKY_FAULT names it. Cheap when SKY_FAULT is unset. */
    public void hit() {
        String spec = System.getenv("SKY_FAULT");
        if (spec == null || spec.isEmpty()) {
            return;
        }
        for (String part : spec.split(",")) {
            int colon = part.lastIndexOf(':');
            String point = colon < 0 ? part.trim() : part.substring(0, colon).trim();
            String action = colon < 0 ? "halt" : part.substring(colon + 1).trim();
            if (point.equals(id)) {
                act(action, System.err);
            }
        }
    }

    private void act(String action, PrintStream err) {
        if (action.equals("block")) {
            err.println("sky: fault point " + id + ": blocking");
            err.flush();
            // A block stands for a slow cloud call: the first Ctrl-C lets it finish, as a real call would.
            while (!dev.sky.core.Interrupts.requested()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            return;
        }
        err.println("sky: fault point " + id + ": halting");
        err.flush();
        Runtime.getRuntime().halt(137);
    }
}
