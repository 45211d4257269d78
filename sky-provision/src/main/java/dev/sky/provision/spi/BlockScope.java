package dev.sky.provision.spi;

/** How much of the search space a provisioning failure rules out, for the failover loop's blocklist. */
public enum BlockScope {
    /** Nothing: the failure is not about the location (a bug, a bad request); failover stops. */
    NONE,
    /** The zone tried (or the region, when no zone was given). */
    ZONE,
    REGION,
    /** Every region of the cloud: bad credentials, an account-wide quota. */
    CLOUD
}
