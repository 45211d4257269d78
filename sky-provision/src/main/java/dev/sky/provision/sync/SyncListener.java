package dev.sky.provision.sync;

/** Progress of one sync. Called on the sending thread; keep it cheap. */
public interface SyncListener {
    SyncListener NONE = new SyncListener() {};

    /** The work is known: how many files and bytes will be sent. */
    default void planned(int files, long bytes) {}

    /** One more file (or link) is on its way; totals so far. */
    default void sent(int files, long bytes) {}
}
