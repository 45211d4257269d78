package dev.sky.core.state;

/** The {@code storage} table (schema migration 4). */
public final class StorageTable {
    private final StateStore store;

    StorageTable(StateStore store) {
        this.store = store;
    }
}
