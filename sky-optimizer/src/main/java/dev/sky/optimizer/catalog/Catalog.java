package dev.sky.optimizer.catalog;

import java.util.List;

/**
 * The offerings of one cloud, in file order.
 *
 * @param cloud the cloud id
 * @param rows the rows
 * @param source where the rows came from (a path, {@code bundled}, or {@code computed}), for messages
 * @param date the catalog's date from its header comment, or null
 */
public record Catalog(String cloud, List<CatalogRow> rows, String source, String date) {
    public Catalog {
        rows = List.copyOf(rows);
    }
}
