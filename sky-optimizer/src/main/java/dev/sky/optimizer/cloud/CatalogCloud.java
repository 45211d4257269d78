package dev.sky.optimizer.cloud;

import dev.sky.core.SkyPaths;
import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What every price-list cloud (AWS, GCP, Azure) shares: a stable id and name, a bundled catalog that a user's
 * {@code SKY_HOME/catalogs/<id>/vms.csv} overrides, SkyPilot's default size (8+ vCPUs, 4 GB per vCPU) from the
 * cloud's default families, and the declared limits. Subclasses add egress prices and credential discovery.
 */
public abstract class CatalogCloud implements CloudDescriptor {
    private final String id;
    private final String displayName;
    private final List<String> defaultFamilies;
    private final Map<CloudFeature, String> unsupported;

    protected CatalogCloud(String id, String displayName, List<String> defaultFamilies,
                           Map<CloudFeature, String> unsupported) {
        this.id = id;
        this.displayName = displayName;
        this.defaultFamilies = List.copyOf(defaultFamilies);
        this.unsupported = Collections.unmodifiableMap(new EnumMap<>(unsupported));
    }

    /**
     * The limits every price-list cloud has until its provisioner lands: no launching, no container images on VMs,
     * plus {@code extra}.
     */
    protected static Map<CloudFeature, String> notLaunchableYet(String displayName, Map<CloudFeature, String> extra) {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.PROVISION, "Launching on " + displayName + " is not available yet: sky can plan and price "
                + displayName + ", but not create instances there.");
        m.put(CloudFeature.DOCKER_IMAGE, "Container images (image_id: docker:...) on VMs are not supported yet.");
        m.putAll(extra);
        return m;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final Map<CloudFeature, String> unsupported() {
        return unsupported;
    }

    @Override
    public Catalog offerings(SkyPaths paths) {
        return CatalogLoader.forCloud(id, paths, getClass().getClassLoader());
    }

    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return new DefaultInstancePolicy(defaultFamilies, Amount.atLeast(8), Amount.perCpu(4));
    }
}
