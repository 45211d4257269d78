package dev.sky.provision.spi;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds a cloud's {@link ProvisionerFactory} by id and returns its provisioner guarded by the cloud's declared
 * capabilities, so that no adapter needs to check them.
 */
public final class Provisioners {
    private Provisioners() {}

    /**
     * The provisioner for the cloud, found with {@link ServiceLoader} in {@code loader}.
     *
     * @throws UnsupportedVerbException the cloud has no provisioner and declares {@link CloudFeature#PROVISION}
     *     unsupported
     * @throws SkyException no provisioner is registered under the cloud's id (the message lists the ids that are)
     */
    public static Provisioner forCloud(CloudDescriptor cloud, ProvisionerContext context, ClassLoader loader) {
        List<String> ids = new ArrayList<>();
        for (ProvisionerFactory factory : ServiceLoader.load(ProvisionerFactory.class, loader)) {
            if (factory.id().equals(cloud.id())) {
                return guard(factory.create(context), cloud.displayName(), cloud.unsupported());
            }
            ids.add(factory.id());
        }
        String reason = cloud.unsupported().get(CloudFeature.PROVISION);
        if (reason != null) {
            throw new UnsupportedVerbException(cloud.id(), cloud.displayName(), "create a cluster", CloudFeature.PROVISION, reason);
        }
        throw new SkyException(ExitCode.GENERIC, "no provisioner is registered for cloud '"
                + cloud.id() + "'; registered: " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
    }

    /** Wraps {@code delegate} so that verbs needing a feature in {@code unsupported} fail with its reason. */
    public static Provisioner guard(Provisioner delegate, String displayName, Map<CloudFeature, String> unsupported) {
        if (delegate instanceof CapabilityGuard) {
            return delegate;
        }
        return new CapabilityGuard(delegate, displayName, unsupported);
    }
}
