package dev.sky.provision.cluster.failover;

import dev.sky.optimizer.plan.Candidate;
import java.util.List;

/**
 * Plans again with the failed locations excluded: the failover loop asks it after every failure and tries the first
 * candidate it returns. Implementations never offer a location outside what the task pinned.
 */
@FunctionalInterface
public interface Replanner {
    /** Every placement still possible, best first; empty when the blocklist rules all of them out. */
    List<Candidate> plan(Blocklist blocked);

    /**
     * Re-planning over an optimizer's ordered candidates. The optimizer is a pure function of its request and its
     * candidate list already holds every placement, cheapest first, so removing the blocked ones gives what a new
     * optimizer run with the blocklist would give, without loading the catalogs again.
     */
    static Replanner over(List<Candidate> candidates) {
        List<Candidate> all = List.copyOf(candidates);
        return blocked -> all.stream().filter(c -> !blocked.blocks(c)).toList();
    }
}
