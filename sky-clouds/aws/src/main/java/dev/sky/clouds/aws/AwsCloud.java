package dev.sky.clouds.aws;

import dev.sky.clouds.aws.credentials.AwsCredentialCheck;
import dev.sky.optimizer.cloud.CatalogCloud;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.EgressTiers;
import java.util.List;
import java.util.Map;

/** Amazon Web Services: priced from the AWS catalog, launched through the EC2 provisioner ({@code provision}). */
public final class AwsCloud extends CatalogCloud {
    /** SkyPilot's default families (aws_catalog {@code _DEFAULT_INSTANCE_FAMILY}) and the NVMe variants that exist. */
    static final List<String> DEFAULT_FAMILIES =
            List.of("m6i", "m7i", "r6i", "r7i", "c6i", "c7i", "m6id", "r6id", "c6id");

    /** SkyPilot's AWS internet egress tiers (from US East): first GB free; 1 TB = 1024 GB. */
    static final EgressTiers EGRESS = new EgressTiers(List.of(
            new EgressTiers.Tier(1, 0),
            new EgressTiers.Tier(10 * 1024, 0.09),
            new EgressTiers.Tier(50 * 1024, 0.085),
            new EgressTiers.Tier(150 * 1024, 0.07)), 150 * 1024, 0.05);

    public AwsCloud() {
        super("aws", "AWS", DEFAULT_FAMILIES, Map.of(CloudFeature.DOCKER_IMAGE,
                "Container images (image_id: docker:...) on VMs are not supported yet."));
    }

    @Override
    public double egressCost(double gigabytes) {
        return EGRESS.cost(gigabytes);
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return new AwsCredentialCheck(ctx).run();
    }
}
