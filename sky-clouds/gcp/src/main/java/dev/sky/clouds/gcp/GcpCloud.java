package dev.sky.clouds.gcp;

import dev.sky.clouds.gcp.credentials.GcpCredentialCheck;
import dev.sky.core.SkyPaths;
import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogLoader;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Google Cloud: priced from the GCP catalog, where GPUs are separate rows attached to a host VM. */
public final class GcpCloud implements CloudDescriptor {
    /** SkyPilot's default general-purpose families on GCP. */
    static final List<String> DEFAULT_FAMILIES = List.of(
            "n2-standard", "n2-highmem", "n2-highcpu", "n4-standard", "n4-highmem", "n4-highcpu");

    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "gcp";
    }

    @Override
    public String displayName() {
        return "GCP";
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

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.PROVISION, "Launching on GCP is not available yet: sky can plan and price GCP, but not"
                + " create instances there.");
        m.put(CloudFeature.DOCKER_IMAGE, "Container images (image_id: docker:...) on VMs are not supported yet.");
        m.put(CloudFeature.TPU, "TPUs are planned and priced, but launching them is not supported yet.");
        return Collections.unmodifiableMap(m);
    }
}
