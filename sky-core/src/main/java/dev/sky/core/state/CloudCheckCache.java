package dev.sky.core.state;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the last {@code sky check} runs found, per cloud.
 *
 * @param results cloud id to whether it was enabled, for every cloud ever checked
 * @param allowedCloudsKey the {@code allowed_clouds} setting the results were computed under, or null if never
 */
public record CloudCheckCache(Map<String, Boolean> results, String allowedCloudsKey) {
    public CloudCheckCache {
        results = Map.copyOf(results);
    }

    public Set<String> enabled() {
        Set<String> out = new TreeSet<>();
        results.forEach((cloud, on) -> {
            if (on) {
                out.add(cloud);
            }
        });
        return out;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }
}
