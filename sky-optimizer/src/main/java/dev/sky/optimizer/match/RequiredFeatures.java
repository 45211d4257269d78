package dev.sky.optimizer.match;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cloud features a resource candidate needs for planning. PROVISION, DOCKER_IMAGE and TPU are deliberately
 * absent: those are checked at launch, so such tasks are still planned and priced.
 */
public final class RequiredFeatures {

    /** SkyPilot's default disk tier; {@code best} means "the best this cloud has", so neither needs a feature. */
    private static final String DEFAULT_DISK_TIER = "medium";
    private static final String BEST = "best";

    private RequiredFeatures() {}

    /** Each needed feature with how it is named in a reason, in a fixed order. */
    public static Map<CloudFeature, String> of(Resources r, int numNodes) {
        Map<CloudFeature, String> needs = new LinkedHashMap<>();
        if (r.useSpot()) {
            needs.put(CloudFeature.SPOT, "spot");
        }
        if (numNodes > 1) {
            needs.put(CloudFeature.MULTI_NODE, "multi-node (num_nodes: " + numNodes + ")");
        }
        if (!r.ports().isEmpty()) {
            needs.put(CloudFeature.OPEN_PORTS, "opening ports");
        }
        if (!r.imageId().isEmpty() && !r.dockerImage()) {
            needs.put(CloudFeature.IMAGE_ID, "a custom image_id");
        }
        if (r.diskTier() != null) {
            String tier = r.diskTier().toLowerCase(Locale.ROOT);
            if (!tier.equals(DEFAULT_DISK_TIER) && !tier.equals(BEST)) {
                needs.put(CloudFeature.CUSTOM_DISK_TIER, "disk_tier: " + tier);
            }
        }
        if (r.networkTier() != null && r.networkTier().equalsIgnoreCase(BEST)) {
            needs.put(CloudFeature.CUSTOM_NETWORK_TIER, "network_tier: best");
        }
        if (r.autostop() != null && r.autostop().enabled()) {
            needs.put(CloudFeature.AUTOSTOP, "autostop");
        }
        return needs;
    }

    /** {@code "spot is not supported: <reason>"} for the first needed feature the cloud lacks, else null. */
    public static String firstUnsupported(Resources r, int numNodes, CloudDescriptor cloud) {
        Map<CloudFeature, String> unsupported = cloud.unsupported();
        if (unsupported.isEmpty()) {
            return null;
        }
        for (Map.Entry<CloudFeature, String> need : of(r, numNodes).entrySet()) {
            if (unsupported.containsKey(need.getKey())) {
                return need.getValue() + " is not supported: " + unsupported.get(need.getKey());
            }
        }
        return null;
    }
}
