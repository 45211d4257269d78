package dev.sky.provision.spi;

import dev.sky.core.ExitCode;
import java.util.List;

/**
 * No capacity or quota where asked. A single attempt names its location and {@link #blockScope()}; the failover
 * loop's final failure ({@link #afterFailover}) carries every attempt's error in {@link #failoverHistory()}.
 */
public class ResourcesUnavailableException extends ProvisionException {
    private final List<ProvisionException> failoverHistory;

    public ResourcesUnavailableException(String message, String cloud, String region, String zone,
                                         BlockScope blockScope, Throwable cause) {
        this(message, cloud, region, zone, blockScope, cause, List.of());
    }

    private ResourcesUnavailableException(String message, String cloud, String region, String zone,
                                          BlockScope blockScope, Throwable cause,
                                          List<ProvisionException> failoverHistory) {
        super(ExitCode.NO_RESOURCES, message, cloud, region, zone, blockScope, cause);
        this.failoverHistory = List.copyOf(failoverHistory);
    }

    /** The loop's final failure: every candidate was tried and failed, in the order tried. */
    public static ResourcesUnavailableException afterFailover(String message, List<ProvisionException> history) {
        Throwable last = history.isEmpty() ? null : history.get(history.size() - 1);
        return new ResourcesUnavailableException(message, null, null, null, BlockScope.NONE, last, history);
    }

    /** Each attempt's error, oldest first; empty for a single attempt. */
    public List<ProvisionException> failoverHistory() {
        return failoverHistory;
    }
}
