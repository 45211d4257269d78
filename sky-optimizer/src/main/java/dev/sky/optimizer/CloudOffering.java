package dev.sky.optimizer;

import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.ShapedOfferings;
import dev.sky.optimizer.index.CatalogIndex;
import java.util.Objects;

/**
 * One cloud as the optimizer sees it: its descriptor and its catalog, indexed once. Build it once per command and
 * reuse it for every plan (failover re-plans, pipelines).
 *
 * @param descriptor the cloud; the optimizer only reads its data methods (never {@code offerings} or {@code check})
 * @param index the cloud's catalog, indexed
 * @param shaped offerings made to measure for candidates that pin this cloud, or null (see {@link ShapedOfferings})
 */
public record CloudOffering(CloudDescriptor descriptor, CatalogIndex index, ShapedOfferings shaped) {

    public CloudOffering {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(index, "index");
    }

    public CloudOffering(CloudDescriptor descriptor, CatalogIndex index) {
        this(descriptor, index, null);
    }

    public static CloudOffering of(CloudDescriptor descriptor, Catalog catalog) {
        return new CloudOffering(descriptor, CatalogIndex.of(catalog));
    }

    public static CloudOffering of(CloudDescriptor descriptor, Catalog catalog, ShapedOfferings shaped) {
        return new CloudOffering(descriptor, CatalogIndex.of(catalog), shaped);
    }

    public String id() {
        return descriptor.id();
    }

    public String displayName() {
        return descriptor.displayName();
    }
}
