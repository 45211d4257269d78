package dev.sky.core;


/**
 * The first Ctrl-C during provisioning: the cloud call in flight finishes and is recorded, then the launch stops at the
 * next safe point. The CLI's signal handler calls {@link #request()}; the launcher calls {@link #checkpoint(String)}
 * between stages. A second Ctrl-C exits at once (the CLI halts); the state stays recoverable either way.
 */
public final class Interrupts {
    private static volatile boolean requested;

    private Interrupts() {}

    public static void request() {
        requested = true;
    }

    public static boolean requested() {
        return requested;
    }

    /** Stops the launch here if Ctrl-C was pressed, saying what state the cluster is left in. */
    public static void checkpoint(String cluster) {
        if (requested) {
            throw new SkyException(ExitCode.GENERIC, "Interrupted; what was done is recorded. `sky status "
                    + cluster + "` shows the cluster; `sky launch -c " + cluster + " ...` finishes it and `sky down "
                    + cluster + "` removes it.");
        }
    }
}
