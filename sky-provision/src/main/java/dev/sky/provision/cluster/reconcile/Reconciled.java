package dev.sky.provision.cluster.reconcile;

import dev.sky.core.state.ClusterRecord;
import java.util.Optional;

/**
 * The outcome of refreshing one cluster.
 *
 * @param name the cluster
 * @param before the record as it was
 * @param after the record now; empty when it was removed
 * @param verdict what the refresh concluded
 * @param note a line for the user (a hint or the cloud's error), or null
 */
public record Reconciled(String name, ClusterRecord before, Optional<ClusterRecord> after, Verdict verdict,
                         String note) {}
