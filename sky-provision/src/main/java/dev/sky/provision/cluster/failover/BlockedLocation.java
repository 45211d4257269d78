package dev.sky.provision.cluster.failover;

import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.spi.BlockScope;
import java.util.Objects;

/**
 * A place failover must not try again in this run: a whole cloud (region and zone null), a region (zone null), or
 * one zone.
 *
 * @param cloud cloud id
 * @param region region, or null for every region of the cloud
 * @param zone zone, or null for every zone of the region
 */
public record BlockedLocation(String cloud, String region, String zone) {
    public BlockedLocation {
        Objects.requireNonNull(cloud, "cloud");
        if (region == null && zone != null) {
            throw new IllegalArgumentException("a zone needs its region");
        }
    }

    /**
     * What a failed attempt at {@code tried} blocks, following SkyPilot's default handler: the zone tried, or its
     * region when the attempt covered every zone of it (no zone given); the region or cloud when the error says so.
     * Null for {@link BlockScope#NONE}: the error is not about the location, and failover stops.
     */
    public static BlockedLocation after(Candidate tried, BlockScope scope) {
        return switch (scope) {
            case NONE -> null;
            case CLOUD -> new BlockedLocation(tried.cloud(), null, null);
            case REGION -> new BlockedLocation(tried.cloud(), tried.region(), null);
            case ZONE -> new BlockedLocation(tried.cloud(), tried.region(), tried.zone());
        };
    }

    /** Whether a candidate lies inside this location. */
    public boolean covers(Candidate c) {
        return cloud.equals(c.cloud())
                && (region == null || region.equals(c.region()))
                && (zone == null || zone.equals(c.zone()));
    }

    /** {@code zone us-east-1a}, {@code region aws/us-east-1}, {@code cloud aws}: for the attempt lines. */
    public String describe() {
        if (region == null) {
            return "cloud " + cloud;
        }
        return zone == null ? "region " + cloud + "/" + region : "zone " + cloud + "/" + region + "/" + zone;
    }
}
