package dev.sky.provision.cluster.failover;

import dev.sky.optimizer.plan.Candidate;
import java.util.ArrayList;
import java.util.List;

/** The locations that failed in this launch; every later choice avoids them. Not shared between threads. */
public final class Blocklist {
    private final List<BlockedLocation> blocked = new ArrayList<>();

    public void add(BlockedLocation location) {
        if (location != null && !blocked.contains(location)) {
            blocked.add(location);
        }
    }

    public boolean blocks(Candidate c) {
        for (BlockedLocation b : blocked) {
            if (b.covers(c)) {
                return true;
            }
        }
        return false;
    }

    /** The blocked locations, in the order they were added. */
    public List<BlockedLocation> entries() {
        return List.copyOf(blocked);
    }

    public boolean isEmpty() {
        return blocked.isEmpty();
    }
}
