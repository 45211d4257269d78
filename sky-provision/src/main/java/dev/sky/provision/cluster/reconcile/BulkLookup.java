package dev.sky.provision.cluster.reconcile;

import dev.sky.core.state.ClusterRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.spi.BulkClusterInfo;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ClusterRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks each (cloud, region) about all its clusters at once when the cloud offers {@link BulkClusterInfo}. The answers
 * stand in for the per-cluster {@code clusterInfo} calls of a refresh. A cloud without the extension, a group of one
 * cluster, or a bulk call that fails leaves those clusters out, and the refresh asks about them one by one as before.
 */
final class BulkLookup {
    private final Map<String, Optional<ClusterInfo>> answers;

    private BulkLookup(Map<String, Optional<ClusterInfo>> answers) {
        this.answers = answers;
    }

    static BulkLookup of(ClusterContext ctx, List<ClusterRecord> rows) {
        Map<List<String>, List<ClusterRecord>> groups = new LinkedHashMap<>();
        for (ClusterRecord r : rows) {
            if (r.cloud() != null && r.region() != null) {
                groups.computeIfAbsent(List.of(r.cloud(), r.region()), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Optional<ClusterInfo>> answers = new HashMap<>();
        groups.forEach((key, group) -> {
            if (group.size() < 2) {
                return;
            }
            try {
                Optional<BulkClusterInfo> bulk = ctx.provisioner(key.get(0)).extension(BulkClusterInfo.class);
                if (bulk.isEmpty()) {
                    return;
                }
                List<ClusterRef> refs = group.stream().map(r -> new ClusterRef(r.name(), r.region(), r.zone()))
                        .toList();
                Map<String, ClusterInfo> found = bulk.get().clusterInfos(key.get(1), refs);
                for (ClusterRecord r : group) {
                    answers.put(r.name(), Optional.ofNullable(found.get(r.name())));
                }
            } catch (RuntimeException e) {
                // The refresh asks about these clusters one by one, and reports each one's error as it always did.
            }
        });
        return new BulkLookup(answers);
    }

    static BulkLookup none() {
        return new BulkLookup(Map.of());
    }

    /** The bulk answer for a cluster, or null when it was not asked in bulk. */
    Optional<ClusterInfo> answer(String cluster) {
        return answers.get(cluster);
    }
}
