package dev.sky.clouds.aws;

import dev.sky.clouds.aws.credentials.AwsCredentialCheck;
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

/** Amazon Web Services: priced from the AWS catalog; launching lands with the EC2 provisioner. */
public final class AwsCloud implements CloudDescriptor {
    /** SkyPilot's default families (aws_catalog {@code _DEFAULT_INSTANCE_FAMILY}) and the NVMe variants that exist. */
    static final List<String> DEFAULT_FAMILIES =
            List.of("m6i", "m7i", "r6i", "r7i", "c6i", "c7i", "m6id", "r6id", "c6id");

    /** SkyPilot's AWS internet egress tiers (from US East): first GB free; 1 TB = 1024 GB. */
    static final EgressTiers EGRESS = new EgressTiers(List.of(
            new EgressTiers.Tier(1, 0),
            new EgressTiers.Tier(10 * 1024, 0.09),
            new EgressTiers.Tier(50 * 1024, 0.085),
            new EgressTiers.Tier(150 * 1024, 0.07)), 150 * 1024, 0.05);

    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "aws";
    }

    @Override
    public String displayName() {
        return "AWS";
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
        return new AwsCredentialCheck(ctx).run();
    }

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.PROVISION, "Launching on AWS is not available yet: sky can plan and price AWS, but not"
                + " create instances there.");
        m.put(CloudFeature.DOCKER_IMAGE, "Container images (image_id: docker:...) on VMs are not supported yet.");
        return Collections.unmodifiableMap(m);
    }
}
