package dev.sky.clouds.local.provision;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ProvisionerContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Shared set-up for the local cloud's tests: a temp SKY_HOME, keys, and requests. */
final class LocalTestSupport {
    private LocalTestSupport() {}

    /** Short waits: kill grace 0.5 s, activity touches every second, reaper checks every 0.1 s. */
    static final String TIME_SCALE = "0.1";

    static ProvisionerContext context(Path skyHome) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SKY_HOME", skyHome.toString());
        env.put("SKY_TIME_SCALE", TIME_SCALE);
        return new ProvisionerContext(SkyPaths.fromEnv(env), env);
    }

    private static Path keyDir;

    /** A key pair shared by every test in this JVM: RSA generation costs seconds. */
    static synchronized SshKeyPair key(String name) {
        try {
            if (keyDir == null) {
                keyDir = Files.createTempDirectory("sky-local-test-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteTree(keyDir)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SshKeyPair.ensure(keyDir.resolve(name), "sky-test-" + name);
    }

    static ProvisionRequest request(String cluster, int nodes, SshKeyPair skyKey, SshKeyPair clusterKey) {
        return new ProvisionRequest(cluster, nodes, "local", "local", null, "local", false, null, 0, List.of(),
                skyKey.publicKeyLine(), clusterKey == null ? null : clusterKey.publicKeyLine(), Map.of());
    }

    /** The local cloud's descriptor as registered with ServiceLoader (the provisioner takes its limits from it). */
    static CloudDescriptor localDescriptor() {
        for (CloudDescriptor d : ServiceLoader.load(CloudDescriptor.class)) {
            if (d.id().equals("local")) {
                return d;
            }
        }
        throw new AssertionError("no CloudDescriptor with id 'local' is registered");
    }
}
