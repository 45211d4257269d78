package dev.sky.optimizer.cloud;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import java.util.Map;

/**
 * What the optimizer knows about one cloud. Each cloud module provides one, found by {@link java.util.ServiceLoader}
 * under a stable lowercase {@link #id()}. Implementations must be cheap to construct: load nothing until asked.
 */
public interface CloudDescriptor {

    /** Stable lowercase id: {@code aws}, {@code gcp}, {@code azure}, {@code local}, ... */
    String id();

    /** How the cloud is shown: {@code AWS}, {@code GCP}, {@code Azure}, {@code Local}. */
    String displayName();

    /** What this cloud cannot do, each with a one-sentence reason the CLI prints. */
    Map<CloudFeature, String> unsupported();

    /**
     * The rows this cloud offers. Catalog-backed clouds read {@code SKY_HOME/catalogs/<id>/vms.csv} when it exists,
     * else their bundled catalog; computed clouds (local, Kubernetes, SSH pools) build rows from what they see.
     */
    Catalog offerings(SkyPaths paths);

    /** Whether {@link #offerings} is computed from live capacity rather than read from a price list. */
    default boolean computedOfferings() {
        return false;
    }

    /**
     * For clouds whose nodes are made to measure (Kubernetes pods): the offerings shaped to a resource candidate that
     * pins this cloud. Read once per command; it may look at local files (a kubeconfig), never the network. Null (the
     * default): this cloud offers only {@link #offerings}.
     */
    default ShapedOfferings shapedOfferings(CheckContext ctx) {
        return null;
    }

    /** The families and defaults used when a task names no accelerator and no instance type; null: no defaults. */
    DefaultInstancePolicy defaultInstancePolicy();

    /**
     * Whether accelerators are priced in separate rows and attached to a host (GCP's n1 + T4), so that a
     * candidate's cost is host plus accelerators.
     */
    default boolean attachableAccelerators() {
        return false;
    }

    /** Whether the optimizer may pick this cloud without the task pinning it (the local cloud: only when alone). */
    default boolean choosableWhenNotPinned() {
        return true;
    }

    /** Dollars to move {@code gigabytes} out of this cloud to another one. */
    default double egressCost(double gigabytes) {
        return 0;
    }

    /** Finds credentials from files and the environment. No network call. */
    CredentialStatus check(CheckContext ctx);
}
