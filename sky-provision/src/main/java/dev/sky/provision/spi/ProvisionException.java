package dev.sky.provision.spi;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;

/**
 * A cloud refused or failed a provisioning verb. Carries where it happened and how much the failover loop should
 * block. Each cloud module maps its SDK's errors to this family in one {@code <Cloud>Errors} class; messages name the
 * cloud and location and never contain a secret.
 */
public class ProvisionException extends SkyException {
    private final String cloud;
    private final String region;
    private final String zone;
    private final BlockScope blockScope;

    public ProvisionException(String message, String cloud, String region, String zone, BlockScope blockScope,
                              Throwable cause) {
        this(ExitCode.GENERIC, message, cloud, region, zone, blockScope, cause);
    }

    protected ProvisionException(int exitCode, String message, String cloud, String region, String zone,
                                 BlockScope blockScope, Throwable cause) {
        super(exitCode, message, cause);
        this.cloud = cloud;
        this.region = region;
        this.zone = zone;
        this.blockScope = blockScope == null ? BlockScope.NONE : blockScope;
    }

    /** A failure that is not about capacity or location, e.g. the node host did not come up. */
    public static ProvisionException failed(String cloud, String message, Throwable cause) {
        return new ProvisionException(message, cloud, null, null, BlockScope.NONE, cause);
    }

    /** The cluster is not on the cloud, for verbs that need it to be (start). */
    public static ProvisionException notFound(String cloud, String clusterName) {
        return new ProvisionException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "cluster " + clusterName
                + " does not exist on " + cloud, cloud, null, null, BlockScope.NONE, null);
    }

    public String cloud() {
        return cloud;
    }

    public String region() {
        return region;
    }

    public String zone() {
        return zone;
    }

    public BlockScope blockScope() {
        return blockScope;
    }

    /** {@code aws us-east-1 (us-east-1a)}, {@code local}: the location for log lines and summaries. */
    public String location() {
        StringBuilder sb = new StringBuilder(cloud == null ? "?" : cloud);
        if (region != null) {
            sb.append(' ').append(region);
        }
        if (zone != null) {
            sb.append(" (").append(zone).append(')');
        }
        return sb.toString();
    }
}
