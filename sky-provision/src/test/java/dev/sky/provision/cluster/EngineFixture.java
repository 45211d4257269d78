package dev.sky.provision.cluster;

import dev.sky.core.SkyPaths;
import dev.sky.core.task.Task;
import dev.sky.core.yaml.TaskLoader;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.contract.InMemoryProvisioner;
import dev.sky.provision.spi.Provisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real state DB in a temp SKY_HOME, and in-memory clouds standing in for {@code aws} and {@code gcp}. */
final class EngineFixture implements AutoCloseable {
    final InMemoryProvisioner mem1 = new InMemoryProvisioner("aws");
    final InMemoryProvisioner mem2 = new InMemoryProvisioner("gcp");
    final ClusterContext ctx;
    /** Waits short enough for a unit test; SKY_TIME_SCALE cannot be set inside the test JVM. */
    static final EngineTimings FAST = new EngineTimings(Duration.ofMillis(300), Duration.ofMillis(5),
            Duration.ofMillis(20), Duration.ofMillis(5));

    EngineFixture(Path skyHome) {
        SkyPaths paths = SkyPaths.fromEnv(Map.of("SKY_HOME", skyHome.toString(), "HOME", skyHome.toString()));
        Map<String, Provisioner> p = new LinkedHashMap<>();
        p.put("aws", mem1);
        p.put("gcp", mem2);
        ctx = new ClusterContext(paths, Map.of("SKY_HOME", skyHome.toString()))
                .withClouds(CloudRegistry.of(List.of(new Cloud("aws"), new Cloud("gcp"))), p)
                .withTimings(FAST);
    }

    static Task task(String yaml) {
        return TaskLoader.parseString(yaml, "test.yaml").tasks().get(0);
    }

    static Candidate candidate(String cloud, String region, String zone, double price, int numNodes) {
        return new Candidate(cloud, region, zone, "m.large", null, 0, 2, 8, false, price, numNodes, 0);
    }

    @Override
    public void close() {
        ctx.close();
    }

    private record Cloud(String id) implements CloudDescriptor {
        @Override
        public String displayName() {
            return id.toUpperCase();
        }

        @Override
        public Map<CloudFeature, String> unsupported() {
            return Map.of();
        }

        @Override
        public Catalog offerings(SkyPaths paths) {
            return new Catalog(id, List.of(), "engine test", null); // the engine tests pass candidates in
        }

        @Override
        public DefaultInstancePolicy defaultInstancePolicy() {
            return null;
        }

        @Override
        public CredentialStatus check(CheckContext ctx) {
            return CredentialStatus.disabled(id, "an engine test cloud has no credentials", null);
        }
    }
}
