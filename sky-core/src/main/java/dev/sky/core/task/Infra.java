package dev.sky.core.task;

/**
 * Where a task may run: {@code cloud[/region[/zone]]}. A null part means "any". For Kubernetes the region is the
 * context; for SSH node pools it is {@code ssh-<pool>}, as in SkyPilot.
 */
public record Infra(String cloud, String region, String zone) {
    public static final Infra ANY = new Infra(null, null, null);

    public boolean isAny() {
        return cloud == null && region == null && zone == null;
    }

    /** {@code aws/us-east-1/us-east-1a}, with {@code *} for any part that is unset; {@code *} when all are. */
    @Override
    public String toString() {
        if (isAny()) {
            return "*";
        }
        StringBuilder b = new StringBuilder(cloud == null ? "*" : cloud);
        if (region != null || zone != null) {
            b.append('/').append(region == null ? "*" : region);
        }
        if (zone != null) {
            b.append('/').append(zone);
        }
        return b.toString();
    }
}
