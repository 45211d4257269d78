package dev.sky.cli.render;

import java.util.Map;
import java.util.Set;

/**
 * How clouds are shown in a plan, and which ones are enabled.
 *
 * @param displayNames cloud id to display name ({@code aws} to {@code AWS})
 * @param enabled ids of the clouds {@code sky check} enabled; others are marked with {@code *}
 */
public record CloudLabels(Map<String, String> displayNames, Set<String> enabled) {
    public CloudLabels {
        displayNames = Map.copyOf(displayNames);
        enabled = Set.copyOf(enabled);
    }

    public String name(String cloudId) {
        return displayNames.getOrDefault(cloudId, cloudId);
    }

    public boolean enabled(String cloudId) {
        return enabled.contains(cloudId);
    }
}
