package dev.sky.clouds.azure;

import dev.sky.clouds.azure.credentials.AzureCredentialCheck;
import dev.sky.core.SkyPaths;
import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.cloud.EgressTiers;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Microsoft Azure: priced from the Azure catalog (regions, no zones). */
public final class AzureCloud implements CloudDescriptor {
    /** SkyPilot's default families on Azure: Ds_v5, Es_v5 and Fs_v2, as regexes over the whole size name. */
    static final List<String> DEFAULT_FAMILIES = List.of(
            "Standard_D\\d+s_v5", "Standard_E\\d+s_v5", "Standard_F\\d+s_v2");

    /** SkyPilot's Azure internet egress tiers (from US East): first GB free; 1 TB = 1024 GB. */
    static final EgressTiers EGRESS = new EgressTiers(List.of(
            new EgressTiers.Tier(1, 0),
            new EgressTiers.Tier(10 * 1024, 0.0875),
            new EgressTiers.Tier(50 * 1024, 0.083),
            new EgressTiers.Tier(150 * 1024, 0.07)), 150 * 1024, 0.05);

    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Azure";
    }

    @Override
    public Map<CloudFeature, String> unsupported() {
        return UNSUPPORTED;
    }

    @Override
    public Catalog offerings(SkyPaths paths) {
        return CatalogLoader.forCloud(id(), paths, getClass().getClassLoader());
    }

    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return new DefaultInstancePolicy(DEFAULT_FAMILIES, Amount.atLeast(8), Amount.perCpu(4));
    }

    @Override
    public double egressCost(double gigabytes) {
        return EGRESS.cost(gigabytes);
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return new AzureCredentialCheck(ctx).run();
    }

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.PROVISION, "Launching on Azure is not available yet: sky can plan and price Azure, but"
                + " not create instances there.");
        m.put(CloudFeature.DOCKER_IMAGE, "Container images (image_id: docker:...) on VMs are not supported yet.");
        return Collections.unmodifiableMap(m);
    }
}
