package dev.sky.provision.spi;

import java.util.Collection;
import java.util.List;

/**
 * Lists and deletes what sky tagged on a cloud ({@code sky gc}). Offered through
 * {@code Provisioner.extension(TaggedResources.class)}; clouds that cannot list by tag do not offer it.
 */
public interface TaggedResources {

    /** Every resource carrying sky's tags for this user, in the given regions (all enabled regions when empty). */
    List<TaggedResource> list(Collection<String> regions);

    /** Deletes them, instances first, idempotently: a resource that is already gone is not an error. */
    void delete(List<TaggedResource> resources);
}
