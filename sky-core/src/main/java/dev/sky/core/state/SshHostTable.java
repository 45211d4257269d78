package dev.sky.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ssh_hosts} and {@code ssh_host_leases} tables (schema migration 3): what {@code sky ssh up} found on each
 * host of a pool, and which cluster holds each host. A host belongs to one cluster at a time; leasing is one
 * transaction, so two launches never get the same host.
 */
public final class SshHostTable {
    private final StateStore store;

    SshHostTable(StateStore store) {
        this.store = store;
    }

    /**
     * One host as {@code sky ssh up} recorded it.
     *
     * @param pool the pool name
     * @param host the host's key in the pool ({@code address:port})
     * @param factsJson what the probe found (cpus, memory, gpus, os, arch, disk), JSON
     * @param hostKey the host's SSH public key, OpenSSH form
     * @param checkedAt when it was probed
     */
    public record Host(String pool, String host, String factsJson, String hostKey, Instant checkedAt) {}

    /**
     * One host held by one cluster.
     *
     * @param pool the pool name
     * @param host the host's key in the pool
     * @param cluster the cluster holding it
     * @param rank the node rank it serves as
     * @param leasedAt when it was leased
     */
    public record Lease(String pool, String host, String cluster, int rank, Instant leasedAt) {}

    /**
     * What a lease attempt gave.
     *
     * @param leases the cluster's leases in rank order when it got enough hosts; empty otherwise
     * @param holders when there were not enough free hosts: each busy candidate host and the cluster holding it
     */
    public record LeaseResult(List<Lease> leases, Map<String, String> holders) {
        public boolean granted() {
            return !leases.isEmpty();
        }
    }

    /** Records (or replaces) what a probe found on a host. */
    public void record(Host h) {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ssh_hosts (pool, host, facts_json, host_key,"
                    + " checked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(pool, host) DO UPDATE SET"
                    + " facts_json = excluded.facts_json, host_key = excluded.host_key,"
                    + " checked_at = excluded.checked_at")) {
                ps.setString(1, h.pool());
                ps.setString(2, h.host());
                ps.setString(3, h.factsJson());
                ps.setString(4, h.hostKey());
                ps.setLong(5, h.checkedAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** The recorded hosts of a pool, by host. */
    public List<Host> hosts(String pool) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, facts_json, host_key, checked_at"
                    + " FROM ssh_hosts WHERE pool = ? ORDER BY host")) {
                ps.setString(1, pool);
                return hostRows(ps);
            }
        });
    }

    /** Every recorded host of every pool, by pool then host. */
    public List<Host> allHosts() {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, facts_json, host_key, checked_at"
                    + " FROM ssh_hosts ORDER BY pool, host")) {
                return hostRows(ps);
            }
        });
    }

    /** Removes the recorded hosts of a pool that are not in {@code keep} (hosts taken out of the pools file). */
    public int forgetHostsExcept(String pool, List<String> keep) {
        return store.write(c -> {
            int n = 0;
            for (Host h : hostsIn(c, pool)) {
                if (!keep.contains(h.host())) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM ssh_hosts WHERE pool = ? AND host = ?")) {
                        ps.setString(1, pool);
                        ps.setString(2, h.host());
                        n += ps.executeUpdate();
                    }
                }
            }
            return n;
        });
    }

    /**
     * Forgets a pool's hosts unless a cluster holds one of them.
     *
     * @return the clusters holding hosts of the pool (nothing was removed), or an empty list (the pool is forgotten)
     */
    public List<String> forgetPool(String pool) {
        return store.write(c -> {
            List<String> users = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT cluster FROM ssh_host_leases WHERE pool = ? ORDER BY cluster")) {
                ps.setString(1, pool);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        users.add(rs.getString(1));
                    }
                }
            }
            if (users.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM ssh_hosts WHERE pool = ?")) {
                    ps.setString(1, pool);
                    ps.executeUpdate();
                }
            }
            return users;
        });
    }

    /**
     * Leases {@code count} hosts of the pool to the cluster, in one transaction: the hosts the cluster already holds
     * are kept (so a repeated create reuses them), then free candidates are taken in the order given. When there are
     * not enough, nothing is written and the result names who holds the busy candidates.
     *
     * @param candidates hosts of the pool that fit, in order of preference
     */
    public LeaseResult lease(String pool, List<String> candidates, String cluster, int count, Instant now) {
        return store.write(c -> {
            Map<String, Lease> held = new LinkedHashMap<>();
            Map<String, String> holders = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, cluster, rank, leased_at"
                    + " FROM ssh_host_leases WHERE pool = ?")) {
                ps.setString(1, pool);
                for (Lease l : leaseRows(ps)) {
                    if (l.cluster().equals(cluster)) {
                        held.put(l.host(), l);
                    } else {
                        holders.put(l.host(), l.cluster());
                    }
                }
            }
            List<Lease> mine = new ArrayList<>(held.values());
            mine.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
            if (mine.size() > count) {
                mine = new ArrayList<>(mine.subList(0, count));
            }
            List<String> free = new ArrayList<>();
            for (String h : candidates) {
                if (!held.containsKey(h) && !holders.containsKey(h)) {
                    free.add(h);
                }
            }
            if (mine.size() + free.size() < count) {
                Map<String, String> busy = new LinkedHashMap<>();
                for (String h : candidates) {
                    if (holders.containsKey(h)) {
                        busy.put(h, holders.get(h));
                    }
                }
                return new LeaseResult(List.of(), busy);
            }
            boolean[] taken = new boolean[count];
            mine.forEach(l -> taken[l.rank() < count ? l.rank() : 0] = true);
            int next = 0;
            for (int rank = 0; rank < count && mine.size() < count; rank++) {
                if (taken[rank]) {
                    continue;
                }
                Lease l = new Lease(pool, free.get(next++), cluster, rank, now);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ssh_host_leases (pool, host, cluster,"
                        + " rank, leased_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, l.pool());
                    ps.setString(2, l.host());
                    ps.setString(3, l.cluster());
                    ps.setInt(4, l.rank());
                    ps.setLong(5, l.leasedAt().toEpochMilli());
                    ps.executeUpdate();
                }
                mine.add(l);
            }
            mine.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
            return new LeaseResult(List.copyOf(mine), Map.of());
        });
    }

    /** The hosts a cluster holds, in rank order. */
    public List<Lease> leases(String cluster) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, cluster, rank, leased_at"
                    + " FROM ssh_host_leases WHERE cluster = ? ORDER BY rank")) {
                ps.setString(1, cluster);
                return leaseRows(ps);
            }
        });
    }

    /** Every lease of a pool, by host. */
    public List<Lease> leasesInPool(String pool) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, cluster, rank, leased_at"
                    + " FROM ssh_host_leases WHERE pool = ? ORDER BY host")) {
                ps.setString(1, pool);
                return leaseRows(ps);
            }
        });
    }

    /** Releases one host of a cluster; false when the cluster did not hold it. */
    public boolean release(String cluster, String pool, String host) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM ssh_host_leases WHERE cluster = ? AND pool = ? AND host = ?")) {
                ps.setString(1, cluster);
                ps.setString(2, pool);
                ps.setString(3, host);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Releases every host of a cluster; returns how many it held. */
    public int releaseAll(String cluster) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ssh_host_leases WHERE cluster = ?")) {
                ps.setString(1, cluster);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Host> hostsIn(Connection c, String pool) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pool, host, facts_json, host_key, checked_at"
                + " FROM ssh_hosts WHERE pool = ? ORDER BY host")) {
            ps.setString(1, pool);
            return hostRows(ps);
        }
    }

    private static List<Host> hostRows(PreparedStatement ps) throws SQLException {
        List<Host> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Host(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return out;
    }

    private static List<Lease> leaseRows(PreparedStatement ps) throws SQLException {
        List<Lease> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Lease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
        return out;
    }
}
