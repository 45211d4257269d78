package dev.sky.optimizer.match;

/**
 * A nearby offering shown when nothing fits, e.g. {@code A100:8} for a request of {@code A100:3}.
 *
 * @param text how it is shown
 * @param price its cheapest $/hour per node, for ordering (NaN sorts last)
 */
public record Alternative(String text, double price) {}
