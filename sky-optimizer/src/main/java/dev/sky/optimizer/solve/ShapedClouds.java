package dev.sky.optimizer.solve;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the made-to-measure offerings of a cloud (a Kubernetes pod of the requested size) to its catalog, for a
 * resource candidate that pins that cloud. Unpinned candidates see the catalog alone: a pod nobody has checked the
 * capacity of, at $0, would otherwise win every plan.
 */
final class ShapedClouds {

    private ShapedClouds() {}

    static CloudOffering forCandidate(CloudOffering cloud, Resources r) {
        if (cloud.shaped() == null || r.infra().cloud() == null || !r.infra().cloud().equalsIgnoreCase(cloud.id())) {
            return cloud;
        }
        List<CatalogRow> shaped = cloud.shaped().rowsFor(r);
        if (shaped.isEmpty()) {
            return cloud;
        }
        Catalog known = cloud.index().catalog();
        List<CatalogRow> rows = new ArrayList<>(known.rows().size() + shaped.size());
        rows.addAll(known.rows());
        rows.addAll(shaped);
        return CloudOffering.of(cloud.descriptor(), new Catalog(known.cloud(), rows, known.source(), known.date()));
    }
}
