package dev.sky.optimizer.match;

import java.util.List;

/**
 * What one cloud offers for one resource candidate: the feasible offers, or why there are none.
 *
 * @param offers the feasible offers (empty when nothing fits)
 * @param reason one line, {@code "<Cloud>: <why>"}, when nothing fits; else null
 * @param alternatives nearby offerings when nothing fits
 */
public record CloudMatch(List<Offer> offers, String reason, List<Alternative> alternatives) {

    public CloudMatch {
        offers = List.copyOf(offers);
        alternatives = List.copyOf(alternatives);
    }

    static CloudMatch hit(List<Offer> offers) {
        return new CloudMatch(offers, null, List.of());
    }

    static CloudMatch miss(String reason, List<Alternative> alternatives) {
        return new CloudMatch(List.of(), reason, alternatives);
    }

    static CloudMatch miss(String reason) {
        return miss(reason, List.of());
    }

    public boolean feasible() {
        return !offers.isEmpty();
    }
}
