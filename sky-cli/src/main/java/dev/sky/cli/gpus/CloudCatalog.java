package dev.sky.cli.gpus;

import dev.sky.optimizer.catalog.Catalog;

/**
 * One cloud's catalog, as show-gpus browses it.
 *
 * @param cloud the cloud id
 * @param displayName how the cloud is shown ({@code AWS})
 * @param catalog its rows
 */
public record CloudCatalog(String cloud, String displayName, Catalog catalog) {}
