package dev.sky.provision.cluster;

import dev.sky.core.task.Infra;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import java.util.List;

/**
 * What the user pinned with {@code infra: cloud/region/zone}. Failover never leaves it: a candidate outside the pin of
 * the resource choice it came from is never tried, whatever a re-plan returns.
 */
final class PinnedLocation {
    private PinnedLocation() {}

    static boolean allows(Task task, Candidate c) {
        List<Resources> choices = task.resources().candidates();
        if (c.choiceIndex() < 0 || c.choiceIndex() >= choices.size()) {
            return true;
        }
        Infra pin = choices.get(c.choiceIndex()).infra();
        return same(pin.cloud(), c.cloud()) && same(pin.region(), c.region()) && same(pin.zone(), c.zone());
    }

    /** A null pin allows anything; a pinned zone needs the candidate's zone to be that zone. */
    private static boolean same(String pinned, String actual) {
        return pinned == null || pinned.equalsIgnoreCase(actual);
    }
}
