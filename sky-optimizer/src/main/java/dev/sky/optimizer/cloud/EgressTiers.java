package dev.sky.optimizer.cloud;

import java.util.List;

/**
 * A cloud's internet egress price list: marginal tiers up to a ceiling, then one flat rate for the whole volume,
 * the shape SkyPilot uses for AWS and Azure. A terabyte is 1024 GB.
 *
 * @param tiers ascending tiers; each prices the gigabytes between the previous tier's limit and its own
 * @param flatAboveGb above this volume every gigabyte costs {@code flatRate}
 * @param flatRate dollars per GB above {@code flatAboveGb}
 */
public record EgressTiers(List<Tier> tiers, double flatAboveGb, double flatRate) {

    /** @param upToGb the upper bound of this tier, in GB; @param dollarsPerGb the price of each GB in it */
    public record Tier(double upToGb, double dollarsPerGb) {}

    public EgressTiers {
        tiers = List.copyOf(tiers);
    }

    /** Dollars to move {@code gigabytes} out. */
    public double cost(double gigabytes) {
        if (gigabytes <= 0) {
            return 0;
        }
        if (gigabytes > flatAboveGb) {
            return gigabytes * flatRate;
        }
        double cost = 0;
        double lower = 0;
        for (Tier t : tiers) {
            if (gigabytes <= lower) {
                break;
            }
            cost += (Math.min(gigabytes, t.upToGb()) - lower) * t.dollarsPerGb();
            lower = t.upToGb();
        }
        return cost;
    }
}
