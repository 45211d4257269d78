package dev.sky.cli.cluster;

import dev.sky.core.Interrupts;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C for commands that create things or stream logs. The first press asks the work in hand to stop at a safe
 * point (the cloud call in flight finishes and is recorded) or, while logs stream, detaches; a second press exits at
 * once. Uses the JDK's signal API, which is there on every JDK this runs on.
 */
public final class Signals {
    private static final AtomicInteger PRESSES = new AtomicInteger();
    private static volatile Runnable onFirst = Interrupts::request;

    private Signals() {}

    /** Installs the handler; {@code err} is where the second press says it is exiting. */
    @SuppressWarnings("restriction")
    public static void install(PrintWriter err) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (PRESSES.incrementAndGet() == 1) {
                    err.println();
                    err.println("Interrupted: finishing the step in progress (press Ctrl-C again to exit at once)...");
                    err.flush();
                    onFirst.run();
                } else {
                    err.println("Exiting now. `sky status --refresh` and `sky down` clean up what was left.");
                    err.flush();
                    Runtime.getRuntime().halt(130);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | NoClassDefFoundError e) {
            // No signal support here: Ctrl-C ends the JVM, and the recorded state still lets down clean up.
        }
    }

    /** What the first press does from now on (e.g. detach from a log stream). */
    public static void onFirstPress(Runnable action) {
        onFirst = action;
        PRESSES.set(0);
    }
}
