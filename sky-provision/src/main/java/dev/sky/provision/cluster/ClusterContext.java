package dev.sky.provision.cluster;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.provision.access.SshConfigFiles;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.spi.Provisioners;
import dev.sky.provision.sync.LocalManifestStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What cluster commands share: SKY_HOME, the state DB, the clouds, keys and SSH config files. Everything is opened on
 * first use, so a command pays only for what it touches.
 */
public final class ClusterContext implements AutoCloseable {
    private final SkyPaths paths;
    private final Map<String, String> env;
    private CloudRegistry clouds;
    private StateStore state;
    private final Map<String, Provisioner> provisioners = new HashMap<>();
    private EngineTimings timings = EngineTimings.standard();

    public ClusterContext(SkyPaths paths, Map<String, String> env) {
        this.paths = paths;
        this.env = env;
    }

    public SkyPaths paths() {
        return paths;
    }

    public Map<String, String> env() {
        return env;
    }

    public synchronized CloudRegistry clouds() {
        if (clouds == null) {
            clouds = CloudRegistry.discover();
        }
        return clouds;
    }

    public synchronized StateStore state() {
        if (state == null) {
            state = StateStore.at(paths);
        }
        return state;
    }

    public CloudDescriptor cloud(String id) {
        return clouds().fromId(id);
    }

    /**
     * Uses these clouds and provisioners instead of discovering them, for embedding sky and for engine tests that
     * drive in-memory clouds. Call before any other use.
     */
    public synchronized ClusterContext withClouds(CloudRegistry registry, Map<String, Provisioner> byCloudId) {
        this.clouds = registry;
        this.provisioners.putAll(byCloudId);
        return this;
    }

    /** How long the engine waits for clouds. */
    public synchronized EngineTimings timings() {
        return timings;
    }

    /** Uses other waits (tests that cannot set SKY_TIME_SCALE). */
    public synchronized ClusterContext withTimings(EngineTimings t) {
        this.timings = t;
        return this;
    }

    public synchronized Provisioner provisioner(String cloudId) {
        return provisioners.computeIfAbsent(cloudId, id -> Provisioners.forCloud(cloud(id),
                new ProvisionerContext(paths, env), ClusterContext.class.getClassLoader()));
    }

    public ClusterKeys keys() {
        return new ClusterKeys(paths);
    }

    public SshConfigFiles sshFiles() {
        return new SshConfigFiles(paths.generatedSsh(), paths.keys().resolve("sky-key"));
    }

    public LocalManifestStore manifests() {
        return LocalManifestStore.under(paths.home());
    }

    /** Whether SKY_HOME is the default one: only then is ~/.ssh/config edited without being asked. */
    public boolean defaultSkyHome() {
        String s = env.get("SKY_HOME");
        return s == null || s.isBlank() || Path.of(s).toAbsolutePath().equals(paths.userHome().resolve(".skyj"));
    }

    @Override
    public synchronized void close() {
        if (state != null) {
            state.close();
        }
    }
}
