package dev.sky.optimizer.match;

import dev.sky.core.task.Infra;
import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one cloud offers for one resource candidate, filtered in stages so that an empty result says which
 * requirement removed the last offer: cloud features, kind and size, price of the asked-for kind (spot or on-demand),
 * location (region, zone, image_id regions), and max_hourly_cost.
 */
public final class OfferFinder {

    private static final double EPS = 1e-9;

    private OfferFinder() {}

    public static CloudMatch find(Resources r, int numNodes, CloudOffering cloud) {
        String name = cloud.displayName();
        String unsupported = RequiredFeatures.firstUnsupported(r, numNodes, cloud.descriptor());
        if (unsupported != null) {
            return CloudMatch.miss(name + ": " + unsupported);
        }
        if (cloud.descriptor().computedOfferings() && cloud.index().rows().isEmpty()) {
            return CloudMatch.miss(name + ": " + noCapacity(r, cloud));
        }
        CloudMatch base = AttachedOffers.applies(r, cloud) ? AttachedOffers.find(r, cloud) : InstanceOffers.find(r,
                cloud);
        if (!base.feasible()) {
            return base;
        }
        String what = Text.request(r);
        List<Offer> priced = base.offers().stream().filter(o -> !Double.isNaN(o.price())).toList();
        if (priced.isEmpty()) {
            return CloudMatch.miss(name + ": " + what + " has no " + (r.useSpot() ? "spot" : "on-demand") + " price");
        }
        List<Offer> located = priced.stream().filter(o -> inLocation(o, r)).toList();
        if (located.isEmpty()) {
            return CloudMatch.miss(name + ": " + what + " is not offered in " + where(r) + " (offered in: "
                    + Text.list(regions(priced), 6) + ")", List.of(cheapest(priced, cloud)));
        }
        if (r.maxHourlyCost() == null) {
            return CloudMatch.hit(located);
        }
        List<Offer> affordable = located.stream().filter(o -> o.price() <= r.maxHourlyCost() + EPS).toList();
        if (affordable.isEmpty()) {
            Offer c = located.stream().min(Comparator.comparingDouble(Offer::price)).orElseThrow();
            return CloudMatch.miss(name + ": the cheapest match, " + c.instanceType() + " at " + Text.money(c.price())
                    + "/hour per node, is above max_hourly_cost " + Text.money(r.maxHourlyCost()),
                    List.of(cheapest(located, cloud)));
        }
        return CloudMatch.hit(affordable);
    }

    /** Why a cloud whose offerings are computed from what it sees has none. */
    private static String noCapacity(Resources r, CloudOffering cloud) {
        boolean pinned = cloud.id().equalsIgnoreCase(r.infra().cloud());
        // Shaped offerings are only given for pinned candidates; empty ones mean the request has no node size.
        return pinned && cloud.shaped() != null ? "cannot size a node for " + Text.request(r)
                : "no node capacity is known";
    }

    /** Whether the offer is in the pinned region/zone and in a region that image_id names. */
    static boolean inLocation(Offer o, Resources r) {
        Infra infra = r.infra();
        if (infra.region() != null && !infra.region().equalsIgnoreCase(o.region())) {
            return false;
        }
        if (infra.zone() != null && !infra.zone().equalsIgnoreCase(o.zone())) {
            return false;
        }
        Map<String, String> images = r.imageId();
        if (images.isEmpty() || images.containsKey(Resources.ANY_REGION)) {
            return true;
        }
        return images.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(o.region()));
    }

    private static String where(Resources r) {
        Infra infra = r.infra();
        if (infra.zone() != null) {
            return "zone " + infra.zone();
        }
        if (infra.region() != null) {
            return "region " + infra.region();
        }
        return "the image_id regions (" + Text.list(new TreeSet<>(r.imageId().keySet()), 6) + ")";
    }

    private static Set<String> regions(List<Offer> offers) {
        Set<String> out = new TreeSet<>();
        offers.forEach(o -> out.add(o.region()));
        return out;
    }

    private static Alternative cheapest(List<Offer> offers, CloudOffering cloud) {
        Offer c = offers.stream().min(Comparator.comparingDouble(Offer::price).thenComparing(Offer::region))
                .orElseThrow();
        String acc = c.acceleratorName() == null ? "" : " with " + Text.accelerator(c.acceleratorName(),
                c.acceleratorCount());
        return new Alternative(c.instanceType() + acc + " on " + cloud.displayName() + " (" + c.region() + ") at "
                + Text.money(c.price()) + "/hour", c.price());
    }
}
