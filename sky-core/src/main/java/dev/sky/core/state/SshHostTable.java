package dev.sky.core.state;

/** The {@code ssh_hosts} and {@code ssh_host_leases} tables (schema migration 3). */
public final class SshHostTable {
    private final StateStore store;

    SshHostTable(StateStore store) {
        this.store = store;
    }
}
