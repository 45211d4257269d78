package dev.sky.core.task;

import java.util.List;

/**
 * {@code resources.job_recovery} (or the legacy {@code spot_recovery}) for managed jobs.
 *
 * @param strategy e.g. {@code FAILOVER} or {@code EAGER_NEXT_REGION}; null for the default strategy
 * @param maxRestartsOnErrors restarts allowed after user-code failures
 * @param recoverOnExitCodes exit codes that recover without using a restart
 */
public record JobRecovery(String strategy, int maxRestartsOnErrors, List<Integer> recoverOnExitCodes) {
    public JobRecovery {
        recoverOnExitCodes = List.copyOf(recoverOnExitCodes);
    }
}
