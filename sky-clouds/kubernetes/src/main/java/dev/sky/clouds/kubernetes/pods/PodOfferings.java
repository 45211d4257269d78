package dev.sky.clouds.kubernetes.pods;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.ShapedOfferings;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod of exactly the requested shape in each usable context, at $0 (the cluster is already paid for), without
 * spot. Used while node capacity is unknown: whether the pod fits is found out at launch. The context is the
 * region; with no usable context the region is the pinned context, or {@code -}.
 *
 * @param contexts the usable kubeconfig contexts, in order
 */
public record PodOfferings(List<String> contexts) implements ShapedOfferings {

    /** The region shown when no context is known. */
    public static final String NO_CONTEXT = "-";

    public PodOfferings {
        contexts = List.copyOf(contexts);
    }

    @Override
    public List<CatalogRow> rowsFor(Resources r) {
        PodShape shape = PodShape.of(r);
        if (shape == null) {
            return List.of();
        }
        List<String> regions = contexts;
        if (regions.isEmpty()) {
            regions = List.of(r.infra().region() != null ? r.infra().region() : NO_CONTEXT);
        }
        List<CatalogRow> out = new ArrayList<>(regions.size());
        for (String context : regions) {
            out.add(new CatalogRow(shape.name(), shape.acceleratorName(), shape.acceleratorCount(), shape.cpus(),
                    shape.memoryGb(), Double.NaN, null, 0.0, Double.NaN, context, null));
        }
        return out;
    }
}
