package dev.sky.clouds.azure;

import dev.sky.clouds.azure.credentials.AzureCredentialCheck;
import dev.sky.optimizer.cloud.CatalogCloud;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.EgressTiers;
import java.util.List;
import java.util.Map;

/** Microsoft Azure: priced from the Azure catalog (regions, no zones). */
public final class AzureCloud extends CatalogCloud {
    /** SkyPilot's default families on Azure: Ds_v5, Es_v5 and Fs_v2, as regexes over the whole size name. */
    static final List<String> DEFAULT_FAMILIES = List.of(
            "Standard_D\\d+s_v5", "Standard_E\\d+s_v5", "Standard_F\\d+s_v2");

    /** SkyPilot's Azure internet egress tiers (from US East): first GB free; 1 TB = 1024 GB. */
    static final EgressTiers EGRESS = new EgressTiers(List.of(
            new EgressTiers.Tier(1, 0),
            new EgressTiers.Tier(10 * 1024, 0.0875),
            new EgressTiers.Tier(50 * 1024, 0.083),
            new EgressTiers.Tier(150 * 1024, 0.07)), 150 * 1024, 0.05);

    public AzureCloud() {
        super("azure", "Azure", DEFAULT_FAMILIES, notLaunchableYet("Azure", Map.of()));
    }

    @Override
    public double egressCost(double gigabytes) {
        return EGRESS.cost(gigabytes);
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return new AzureCredentialCheck(ctx).run();
    }
}
