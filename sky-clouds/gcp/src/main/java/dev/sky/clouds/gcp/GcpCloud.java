package dev.sky.clouds.gcp;

import dev.sky.clouds.gcp.credentials.GcpCredentialCheck;
import dev.sky.optimizer.cloud.CatalogCloud;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.util.List;
import java.util.Map;

/** Google Cloud: priced from the GCP catalog, where GPUs are separate rows attached to a host VM. */
public final class GcpCloud extends CatalogCloud {
    /** SkyPilot's default general-purpose families on GCP. */
    static final List<String> DEFAULT_FAMILIES = List.of(
            "n2-standard", "n2-highmem", "n2-highcpu", "n4-standard", "n4-highmem", "n4-highcpu");

    public GcpCloud() {
        super("gcp", "GCP", DEFAULT_FAMILIES, notLaunchableYet("GCP", Map.of(CloudFeature.TPU,
                "TPUs are planned and priced, but launching them is not supported yet.")));
    }

    @Override
    public boolean attachableAccelerators() {
        return true;
    }

    /**
     * SkyPilot's GCP egress (worldwide, excluding China and Australia): the whole volume at one rate, chosen by the
     * volume: $0.12/GB up to 1 TB, $0.11/GB up to 10 TB, $0.08/GB above.
     */
    @Override
    public double egressCost(double gigabytes) {
        if (gigabytes <= 0) {
            return 0;
        }
        if (gigabytes <= 1024) {
            return 0.12 * gigabytes;
        }
        if (gigabytes <= 10 * 1024) {
            return 0.11 * gigabytes;
        }
        return 0.08 * gigabytes;
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return new GcpCredentialCheck(ctx).run();
    }
}
