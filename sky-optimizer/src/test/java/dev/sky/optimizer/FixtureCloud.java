package dev.sky.optimizer;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.List;
import java.util.Map;

/** A cloud described by plain data, as the real descriptors are, for planning against the frozen fixture. */
record FixtureCloud(String id, String displayName, Map<CloudFeature, String> unsupported, Catalog catalog,
                    DefaultInstancePolicy defaultInstancePolicy, boolean attachableAccelerators,
                    boolean choosableWhenNotPinned, boolean computedOfferings, double egressPerGb)
        implements CloudDescriptor {

    @Override
    public Catalog offerings(SkyPaths paths) {
        return catalog;
    }

    @Override
    public double egressCost(double gigabytes) {
        return gigabytes * egressPerGb;
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return CredentialStatus.enabled(id, List.of("compute"), "fixture");
    }
}
