package dev.sky.optimizer.cloud;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.catalog.CatalogRow;
import java.util.List;

/**
 * Offerings made to measure for one resource candidate, for a cloud whose nodes take the size they are asked for
 * (a Kubernetes pod) and whose capacity is not known before launch. The optimizer asks only for candidates that
 * pin the cloud, so that an unpinned task never drifts onto a node nobody has checked. Must be pure: whatever it
 * needs from files was read when it was made ({@link CloudDescriptor#shapedOfferings}).
 */
@FunctionalInterface
public interface ShapedOfferings {

    /** Rows for exactly what {@code r} asks for, one per place it could run; empty when it cannot be shaped. */
    List<CatalogRow> rowsFor(Resources r);
}
