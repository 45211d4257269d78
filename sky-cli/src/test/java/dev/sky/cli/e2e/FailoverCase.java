package dev.sky.cli.e2e;

import dev.sky.clouds.aws.emulator.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One case of the scenario 10 failover matrix: where the task is pinned, how many nodes, and which locations fail
 * how (a zone without capacity, a zone with room for k instances: partial success, a region's instance quota). It
 * also computes what the documented failover rules expect from the plan's candidates: the locations tried, in order,
 * and whether one succeeds ({@link #expect}).
 */
record FailoverCase(String infra, int nodes, boolean noCapacityAnywhere, Set<String> noCapacity,
                    Map<String, Integer> zoneRoom, Map<String, Integer> regionQuota) {

    /** A location one attempt covers: a zone, or a whole region (zone null: EC2 picks the zone). */
    record Location(String region, String zone) {
        @Override
        public String toString() {
            return zone == null ? region : zone;
        }
    }

    /** What the rules expect: the attempts in order, and the one that succeeds (null when none). */
    record Expected(List<Location> attempts, Location success) {}

    /** The plan's candidates as attempts: a multi-node region candidate splits into its zones (zone by zone). */
    @SuppressWarnings("unchecked")
    static List<Location> attempts(List<Map<String, Object>> candidates, int nodes) {
        List<Location> out = new ArrayList<>();
        for (Map<String, Object> c : candidates) {
            String region = (String) c.get("region");
            String zone = (String) c.get("zone");
            List<String> zones = (List<String>) c.getOrDefault("zones", List.of());
            if (zone == null && nodes > 1 && zones != null && !zones.isEmpty()) {
                zones.forEach(z -> out.add(new Location(region, z)));
            } else {
                out.add(new Location(region, zone));
            }
        }
        return out;
    }

    /** The zones of {@code region} the candidates list: where a zone-pinned case picks its zone. */
    @SuppressWarnings("unchecked")
    static List<String> zonesOf(List<Map<String, Object>> candidates, String region) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, Object> c : candidates) {
            if (region.equals(c.get("region"))) {
                if (c.get("zone") != null) {
                    out.add((String) c.get("zone"));
                }
                List<String> zones = (List<String>) c.get("zones");
                if (zones != null) {
                    out.addAll(zones);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A random case over the plan {@code candidates} (already for {@code infra} and {@code nodes}): the first F
     * attempts get a failure each (F from 0 to 5, below the number of attempts so one may succeed), or, one time in
     * ten, no zone has capacity at all.
     */
    static FailoverCase random(Random random, String infra, int nodes, List<Map<String, Object>> candidates) {
        List<Location> attempts = attempts(candidates, nodes);
        Set<String> noCapacity = new LinkedHashSet<>();
        Map<String, Integer> room = new LinkedHashMap<>();
        Map<String, Integer> quota = new LinkedHashMap<>();
        if (random.nextInt(10) == 0) {
            return new FailoverCase(infra, nodes, true, noCapacity, room, quota);
        }
        int failing = random.nextInt(Math.min(5, attempts.size() - 1) + 1);
        for (Location at : attempts.subList(0, failing)) {
            int kind = random.nextInt(3);
            if (at.zone() == null) {
                // A whole-region attempt fails by the region's quota: EC2 may pick any zone of the region, also
                // zones the candidate does not list for this type, so a zone fault cannot be made region-wide.
                quota.put(at.region(), 0);
            } else if (kind == 0 || (kind == 1 && nodes == 1)) {
                noCapacity.add(at.zone());
            } else if (kind == 1) {
                room.put(at.zone(), 1 + random.nextInt(nodes - 1));
            } else {
                quota.put(at.region(), random.nextInt(nodes));
            }
        }
        return new FailoverCase(infra, nodes, false, noCapacity, room, quota);
    }

    void apply(Faults faults) {
        if (noCapacityAnywhere) {
            faults.insufficientCapacity(null, null);
        }
        noCapacity.forEach(z -> faults.insufficientCapacity(z, null));
        zoneRoom.forEach(faults::zoneCapacity);
        regionQuota.forEach((r, k) -> faults.instanceQuota(r, k));
    }

    /**
     * The documented rules applied to the plan: attempts best first; skip what is blocked; nodes are created one
     * by one, each in the attempt's zone; a zone without capacity or room blocks the zone (the region when the
     * attempt covered the region), a quota blocks the region; the first attempt that gets every node succeeds.
     */
    Expected expect(List<Map<String, Object>> candidates) {
        Set<String> blockedZones = new LinkedHashSet<>();
        Set<String> blockedRegions = new LinkedHashSet<>();
        List<Location> tried = new ArrayList<>();
        for (Location at : attempts(candidates, nodes)) {
            if (blockedRegions.contains(at.region()) || (at.zone() != null && blockedZones.contains(at.zone()))) {
                continue;
            }
            tried.add(at);
            int made = 0;
            String failure = null;
            for (int rank = 0; rank < nodes && failure == null; rank++) {
                String zone = at.zone();
                boolean capacity = zone == null ? !noCapacityAnywhere
                        : hasCapacity(zone) && made < zoneRoom.getOrDefault(zone, Integer.MAX_VALUE);
                if (!capacity) {
                    failure = "capacity";
                } else if (made + 1 > regionQuota.getOrDefault(at.region(), Integer.MAX_VALUE)) {
                    failure = "quota";
                } else {
                    made++;
                }
            }
            if (failure == null) {
                return new Expected(tried, at);
            }
            if (failure.equals("quota") || at.zone() == null) {
                blockedRegions.add(at.region());
            } else {
                blockedZones.add(at.zone());
            }
        }
        return new Expected(tried, null);
    }

    private boolean hasCapacity(String zone) {
        return !noCapacityAnywhere && !noCapacity.contains(zone) && zoneRoom.getOrDefault(zone, 1) > 0;
    }

    @Override
    public String toString() {
        return "infra=" + infra + " nodes=" + nodes + (noCapacityAnywhere ? " noCapacity=everywhere" : "")
                + (noCapacity.isEmpty() ? "" : " noCapacity=" + noCapacity)
                + (zoneRoom.isEmpty() ? "" : " zoneRoom=" + zoneRoom)
                + (regionQuota.isEmpty() ? "" : " regionQuota=" + regionQuota);
    }
}
