package dev.sky.provision.cluster.failover;

import dev.sky.optimizer.plan.Candidate;

/**
 * One try of one location, for the final reasons table.
 *
 * @param candidate what was tried
 * @param reason the cloud's error, one line
 * @param blocked what the failure blocked, or null when failover stopped on it
 * @param cleanedUp whether partly created nodes were terminated (and confirmed gone) before moving on
 */
public record Attempt(Candidate candidate, String reason, BlockedLocation blocked, boolean cleanedUp) {}
