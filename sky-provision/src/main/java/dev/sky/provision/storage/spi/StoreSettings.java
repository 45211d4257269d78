package dev.sky.provision.storage.spi;

import dev.sky.core.SkyPaths;
import java.util.Map;

/**
 * Where and how to reach a store.
 *
 * @param paths sky's folders (for the user's credential files)
 * @param endpoint the store's URL; null = the cloud's own
 * @param region the region to create buckets in; null = the store's default
 * @param account the Azure storage account (null for every other store)
 * @param env the process environment (credential variables and the like)
 */
public record StoreSettings(SkyPaths paths, String endpoint, String region, String account,
                            Map<String, String> env) {}
