package dev.sky.clouds.local;

import dev.sky.clouds.local.machine.LocalMachine;
import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default cloud: nodes are SSH servers on this machine. It costs nothing, so the optimizer picks it
 * only when the task pins it or no other compute cloud is enabled.
 */
public final class LocalCloud implements CloudDescriptor {
    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String displayName() {
        return "Local";
    }

    @Override
    public Map<CloudFeature, String> unsupported() {
        return UNSUPPORTED;
    }

    /** One row: this machine as it is (CPUs, memory, nvidia-smi GPUs), region {@code local}, $0. */
    @Override
    public Catalog offerings(SkyPaths paths) {
        LocalMachine machine = LocalMachine.probe(paths.home().resolve("cache"), System.getenv("PATH"));
        return new Catalog(id(), List.of(machine.offering()), "computed", null);
    }

    @Override
    public boolean computedOfferings() {
        return true;
    }

    /** None: a task with no resources fits the machine as it is; the 8+ CPU default does not apply. */
    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return null;
    }

    @Override
    public boolean choosableWhenNotPinned() {
        return false;
    }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        String user = ctx.env().getOrDefault("USER", "");
        return CredentialStatus.enabled(id(), List.of("compute"), user.isBlank() ? "this machine" : user + " on this machine");
    }

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.SPOT, "The local cloud has no spot capacity.");
        m.put(CloudFeature.DOCKER_IMAGE, "Local nodes run directly on this machine; container images are not supported.");
        m.put(CloudFeature.IMAGE_ID, "Local nodes run on this machine's operating system; there is no image to choose.");
        m.put(CloudFeature.CUSTOM_DISK_TIER, "Local nodes use this machine's disk; disk tiers do not apply.");
        m.put(CloudFeature.CUSTOM_NETWORK_TIER, "Local nodes talk over loopback; network tiers do not apply.");
        m.put(CloudFeature.TPU, "This machine has no TPUs.");
        return Collections.unmodifiableMap(m);
    }
}
