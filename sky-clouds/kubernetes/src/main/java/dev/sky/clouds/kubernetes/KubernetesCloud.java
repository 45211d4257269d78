package dev.sky.clouds.kubernetes;

import dev.sky.clouds.kubernetes.credentials.KubeconfigCheck;
import dev.sky.clouds.kubernetes.pods.PodOfferings;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.cloud.ShapedOfferings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes clusters from the user's kubeconfig. Node capacity is not read yet (that needs the cluster's API), so
 * the computed offerings are empty and an unpinned task never lands here; a task that pins Kubernetes is planned as
 * a pod of the size it asks for, at $0, in each usable context ({@link PodOfferings}). Launching is refused.
 */
public final class KubernetesCloud implements CloudDescriptor {
    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "kubernetes";
    }

    @Override
    public String displayName() {
        return "Kubernetes";
    }

    @Override
    public Map<CloudFeature, String> unsupported() {
        return UNSUPPORTED;
    }

    @Override
    public Catalog offerings(SkyPaths paths) {
        return new Catalog(id(), List.of(), "computed", null);
    }

    @Override
    public boolean computedOfferings() {
        return true;
    }

    /**
     * Not until node capacity is read: an unpinned task has nothing to land on here, and leaving Kubernetes out lets
     * the local cloud be the fallback and keeps {@code --all-clouds} reasons to the clouds that could fit.
     */
    @Override
    public boolean choosableWhenNotPinned() {
        return false;
    }

    @Override
    public ShapedOfferings shapedOfferings(CheckContext ctx) {
        return new PodOfferings(new KubeconfigCheck(ctx).usableContexts());
    }

    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return null;
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        return new KubeconfigCheck(ctx).run();
    }

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.PROVISION, "Launching on Kubernetes is not available yet.");
        m.put(CloudFeature.SPOT, "Kubernetes pods have no spot pricing.");
        m.put(CloudFeature.STOP, "Kubernetes pods cannot be stopped, only torn down.");
        m.put(CloudFeature.CUSTOM_DISK_TIER, "Disk tiers do not apply to Kubernetes pods.");
        m.put(CloudFeature.TPU, "TPUs on Kubernetes are not supported.");
        return Collections.unmodifiableMap(m);
    }
}
