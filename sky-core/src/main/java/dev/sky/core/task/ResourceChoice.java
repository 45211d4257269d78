package dev.sky.core.task;

import java.util.List;

/**
 * The resource candidates of a task after expanding accelerator sets and lists, {@code any_of} and {@code ordered}.
 *
 * @param candidates at least one candidate
 * @param ordered {@code true}: take the first feasible candidate in this order ({@code ordered:} or an accelerator
 *     list); {@code false}: take the cheapest feasible one ({@code any_of:} or an accelerator dict)
 */
public record ResourceChoice(List<Resources> candidates, boolean ordered) {
    public ResourceChoice {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("a resource choice needs at least one candidate");
        }
        candidates = List.copyOf(candidates);
    }

    public static ResourceChoice single(Resources r) {
        return new ResourceChoice(List.of(r), false);
    }

    public Resources first() {
        return candidates.get(0);
    }
}
