package dev.sky.core.state;

/** The {@code cluster_absence} and {@code orphans} tables (schema migration 5). */
public final class ReconcileTable {
    private final StateStore store;

    ReconcileTable(StateStore store) {
        this.store = store;
    }
}
