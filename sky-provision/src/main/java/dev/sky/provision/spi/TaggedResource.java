package dev.sky.provision.spi;

/**
 * One resource on a cloud that carries sky's tags.
 *
 * @param cloud the cloud id, e.g. {@code aws}
 * @param region where it lives
 * @param kind what it is, e.g. {@code instance}, {@code volume}, {@code security-group}, {@code key-pair}
 * @param id the cloud's id for it
 * @param clusterName the cluster name from its tag
 * @param state the cloud's state word for it (e.g. {@code running}); empty when the kind has none
 */
public record TaggedResource(String cloud, String region, String kind, String id, String clusterName, String state) {}
