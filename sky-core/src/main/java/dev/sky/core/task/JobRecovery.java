package dev.sky.core.task;

import java.util.List;
import java.util.Map;

/**
 * {@code resources.job_recovery} (or the legacy {@code spot_recovery}) for managed jobs.
 *
 * @param strategy e.g. {@code FAILOVER} or {@code EAGER_NEXT_REGION}; null for the default strategy
 * @param maxRestartsOnErrors restarts allowed after user-code failures
 * @param recoverOnExitCodes exit codes that recover without using a restart
 * @param options strategy-specific keys that SkyPilot plugins register (e.g. {@code min_nodes}), carried as written
 */
public record JobRecovery(String strategy, int maxRestartsOnErrors, List<Integer> recoverOnExitCodes,
                          Map<String, Object> options) {
    public JobRecovery {
        recoverOnExitCodes = List.copyOf(recoverOnExitCodes);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(options);
    }

    public JobRecovery(String strategy, int maxRestartsOnErrors, List<Integer> recoverOnExitCodes) {
        this(strategy, maxRestartsOnErrors, recoverOnExitCodes, Map.of());
    }
}
