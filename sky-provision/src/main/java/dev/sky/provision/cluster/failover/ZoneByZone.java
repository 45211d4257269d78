package dev.sky.provision.cluster.failover;

import dev.sky.optimizer.plan.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * SkyPilot's zone iteration for multi-node clusters: a region candidate (no zone) of more than one node becomes one
 * attempt per zone of the region, in the order the candidate lists them (cheapest first), each with every node in
 * that zone. A failed zone is then blocked alone and the next zone of the region is tried before the next region. A
 * single node keeps the whole-region attempt (the cloud picks the zone), and a candidate with a zone, or whose
 * catalog names no zones, is left as it is.
 */
public final class ZoneByZone {
    private ZoneByZone() {}

    /** The attempts of a plan, best first: region candidates of several nodes split into their zones. */
    public static List<Candidate> attempts(List<Candidate> plan) {
        List<Candidate> out = new ArrayList<>(plan.size());
        for (Candidate c : plan) {
            if (c.zone() == null && c.numNodes() > 1 && !c.zones().isEmpty()) {
                for (String z : c.zones()) {
                    out.add(c.inZone(z));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
