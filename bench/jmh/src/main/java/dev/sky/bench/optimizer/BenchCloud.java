package dev.sky.bench.optimizer;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.List;
import java.util.Map;

/** A cloud described by data, with the generated catalog it offers. */
record BenchCloud(String id, String displayName, boolean attachableAccelerators, DefaultInstancePolicy policy,
                  Catalog catalog)
        implements CloudDescriptor {

    @Override
    public Map<CloudFeature, String> unsupported() {
        return Map.of();
    }

    @Override
    public Catalog offerings(SkyPaths paths) {
        return catalog;
    }

    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return policy;
    }

    @Override
    public double egressCost(double gigabytes) {
        return gigabytes * 0.09;
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return CredentialStatus.enabled(id, List.of("compute"), "bench");
    }
}
