package dev.sky.provision.cluster;

/** Where the launcher reports its stages; the CLI draws one updating line per stage on a TTY, plain lines elsewhere. */
public interface LaunchProgress {
    /** A new stage begins, e.g. {@code Provisioning 3 nodes on Local}. */
    void stage(String description);

    /** Extra detail for the current stage, e.g. {@code 120 files, 3.4 MB}. */
    default void detail(String text) {}

    /** The current stage ended. */
    default void stageDone() {}

    /** A line the user should read whatever the display (warnings, hints). */
    void info(String line);

    LaunchProgress SILENT = new LaunchProgress() {
        @Override
        public void stage(String description) {}

        @Override
        public void info(String line) {}
    };
}
