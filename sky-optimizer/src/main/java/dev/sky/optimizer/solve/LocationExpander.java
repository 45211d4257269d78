package dev.sky.optimizer.solve;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.match.Offer;
import dev.sky.optimizer.plan.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one cloud's feasible offers into launchable candidates, one per location: per zone for spot, for clouds
 * with attachable accelerators (GCP) and when a zone is pinned; otherwise per region, at the region's cheapest
 * zone price with the zone left open so that the provisioner may try every zone of the region. A region candidate
 * lists the zones that offer its instance, cheapest first and in catalog order on equal prices (a stable sort of the
 * offers, which come in catalog order), for failover that goes zone by zone.
 */
final class LocationExpander {

    private LocationExpander() {}

    static List<Candidate> expand(List<Offer> offers, CloudOffering cloud, Resources r, int numNodes,
                                  int choiceIndex) {
        boolean perZone = r.useSpot() || cloud.descriptor().attachableAccelerators() || r.infra().zone() != null;
        Map<Location, Offer> best = new LinkedHashMap<>();
        for (Offer o : offers) {
            best.merge(new Location(o.region(), perZone ? o.zone() : null), o, (a, b) -> better(b, a) ? b : a);
        }
        List<Candidate> out = new ArrayList<>(best.size());
        for (Offer o : best.values()) {
            out.add(new Candidate(cloud.id(), o.region(), perZone ? o.zone() : null, o.instanceType(),
                    o.acceleratorName(), o.acceleratorCount(), o.vcpus(), o.memoryGb(), r.useSpot(), o.price(),
                    numNodes, choiceIndex, perZone ? List.of() : zonesOffering(offers, o)));
        }
        return out;
    }

    /** The zones of {@code best}'s region with the same instance and accelerators, cheapest first. */
    private static List<String> zonesOffering(List<Offer> offers, Offer best) {
        List<Offer> same = new ArrayList<>();
        for (Offer o : offers) {
            if (o.zone() != null && o.region().equals(best.region()) && o.instanceType().equals(best.instanceType())
                    && Objects.equals(o.acceleratorName(), best.acceleratorName())
                    && o.acceleratorCount() == best.acceleratorCount()) {
                same.add(o);
            }
        }
        same.sort(Comparator.comparingDouble(Offer::price));
        List<String> zones = new ArrayList<>(same.size());
        for (Offer o : same) {
            if (!zones.contains(o.zone())) {
                zones.add(o.zone());
            }
        }
        return zones;
    }

    private record Location(String region, String zone) {}

    /** Cheaper, then by instance type, then by zone: the same offers always give the same candidate. */
    private static boolean better(Offer a, Offer b) {
        if (a.price() != b.price()) {
            return a.price() < b.price();
        }
        int byType = a.instanceType().compareTo(b.instanceType());
        if (byType != 0) {
            return byType < 0;
        }
        return Objects.requireNonNullElse(a.zone(), "").compareTo(Objects.requireNonNullElse(b.zone(), "")) < 0;
    }
}
