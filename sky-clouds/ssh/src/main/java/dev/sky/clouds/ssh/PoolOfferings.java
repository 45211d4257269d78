package dev.sky.clouds.ssh;

import dev.sky.clouds.ssh.probe.HostFacts;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.SshHostTable;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.catalog.CatalogRow;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The offerings of the {@code ssh} cloud, computed from what {@code sky ssh up} recorded: one row per host shape per
 * pool, region {@code ssh-<pool>} (how {@code infra: ssh/<pool>} is planned), cost 0. Reads the state DB only: planning
 * never opens an SSH connection.
 */
final class PoolOfferings {
    private PoolOfferings() {}

    static List<CatalogRow> rows(SkyPaths paths, Predicate<String> poolAllowed) {
        if (!Files.exists(paths.stateDb())) {
            return List.of();
        }
        List<SshHostTable.Host> hosts;
        try (StateStore store = StateStore.at(paths)) {
            hosts = store.sshHosts().allHosts();
        }
        Map<String, CatalogRow> rows = new LinkedHashMap<>();
        for (SshHostTable.Host h : hosts) {
            if (!poolAllowed.test(h.pool()) || h.factsJson() == null) {
                continue;
            }
            HostFacts f = HostFacts.fromJson(h.factsJson());
            String region = "ssh-" + h.pool();
            rows.putIfAbsent(region + "\u0000" + f.shape(), new CatalogRow(f.shape(), f.gpuName(),
                    f.gpuName() == null ? 0 : f.gpuCount(), f.cpus(), f.memoryGb(),
                    f.gpuMemoryGb() > 0 ? f.gpuMemoryGb() : Double.NaN, f.gpuName() == null ? null : "NVIDIA", 0.0,
                    Double.NaN, region, null));
        }
        return new ArrayList<>(rows.values());
    }
}
