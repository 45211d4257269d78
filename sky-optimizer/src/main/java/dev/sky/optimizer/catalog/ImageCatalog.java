package dev.sky.optimizer.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A cloud's image aliases, in file order.
 *
 * @param cloud the cloud id
 * @param aliases the rows
 * @param source where they came from (a path or {@code bundled})
 */
public record ImageCatalog(String cloud, List<ImageAlias> aliases, String source) {
    public ImageCatalog {
        aliases = List.copyOf(aliases);
    }

    /** The image id for a tag in a region (region compared case-insensitively, as SkyPilot does). */
    public Optional<String> imageId(String tag, String region) {
        for (ImageAlias alias : aliases) {
            if (alias.tag().equals(tag) && alias.region().equalsIgnoreCase(region)) {
                return Optional.of(alias.imageId());
            }
        }
        return Optional.empty();
    }

    /** Whether any region knows the tag. */
    public boolean knowsTag(String tag) {
        return aliases.stream().anyMatch(a -> a.tag().equals(tag));
    }
}
