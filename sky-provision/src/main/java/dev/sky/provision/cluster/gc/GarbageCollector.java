package dev.sky.provision.cluster.gc;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ReconcileTable.Orphan;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.TaggedResource;
import dev.sky.provision.spi.TaggedResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sky gc}: finds resources that carry sky's tags but belong to no cluster record (orphans) and deletes them on
 * request. The listing comes first and the records are read after it: a launch writes its record before it creates
 * anything, so a resource listed before its record was read always has one, and only true orphans remain.
 */
public final class GarbageCollector {
    /** Why a cloud without {@link TaggedResources} is skipped. */
    public static final String CANNOT_LIST = "it cannot list resources by tag";

    private final ClusterContext ctx;

    public GarbageCollector(ClusterContext ctx) {
        this.ctx = ctx;
    }

    /**
     * What a scan found.
     *
     * @param orphans resources with sky's tags and no cluster record, by cloud then id
     * @param scanned clouds that were listed
     * @param skipped clouds that could not be listed, with why
     */
    public record Scan(List<TaggedResource> orphans, List<String> scanned, Map<String, String> skipped) {}

    /**
     * Lists each cloud's tagged resources and keeps those whose cluster has no record; records them for
     * {@code sky status}'s notice. Terminated instances (still listed for a while) are not orphans.
     *
     * @param cloudIds clouds to scan
     * @param regions regions to list (all enabled regions when empty)
     */
    public Scan scan(Collection<String> cloudIds, Collection<String> regions) {
        Map<String, List<TaggedResource>> listed = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String cloud : cloudIds) {
            try {
                Optional<TaggedResources> tagged = ctx.provisioner(cloud).extension(TaggedResources.class);
                if (tagged.isEmpty()) {
                    skipped.put(cloud, CANNOT_LIST);
                    continue;
                }
                listed.put(cloud, tagged.get().list(regions));
            } catch (RuntimeException e) {
                skipped.put(cloud, e.getMessage());
            }
        }
        Set<String> known = ctx.state().clusters().list().stream().map(ClusterRecord::name)
                .collect(Collectors.toSet());
        List<TaggedResource> orphans = new ArrayList<>();
        Instant now = Instant.now();
        for (Map.Entry<String, List<TaggedResource>> e : listed.entrySet()) {
            List<TaggedResource> mine = e.getValue().stream()
                    .filter(r -> r.clusterName() == null || !known.contains(r.clusterName()))
                    .filter(r -> !"terminated".equalsIgnoreCase(r.state()))
                    .toList();
            orphans.addAll(mine);
            if (regions.isEmpty()) {
                ctx.state().reconcile().replaceOrphans(e.getKey(), mine.stream().map(r -> new Orphan(r.cloud(),
                        r.id(), r.kind(), r.region(), r.clusterName(), now)).toList());
            }
        }
        return new Scan(List.copyOf(orphans), List.copyOf(listed.keySet()), skipped);
    }

    /**
     * Deletes the orphans of a scan, instances first (each cloud's {@link TaggedResources#delete} orders them). A
     * resource whose cluster got a record since the scan is left alone. Returns how many were deleted.
     */
    public int delete(Scan scan) {
        Set<String> known = ctx.state().clusters().list().stream().map(ClusterRecord::name)
                .collect(Collectors.toSet());
        Map<String, List<TaggedResource>> byCloud = new LinkedHashMap<>();
        for (TaggedResource r : scan.orphans()) {
            if (r.clusterName() == null || !known.contains(r.clusterName())) {
                byCloud.computeIfAbsent(r.cloud(), k -> new ArrayList<>()).add(r);
            }
        }
        int deleted = 0;
        for (Map.Entry<String, List<TaggedResource>> e : byCloud.entrySet()) {
            Provisioner p = ctx.provisioner(e.getKey());
            p.extension(TaggedResources.class).orElseThrow().delete(e.getValue());
            deleted += e.getValue().size();
            ctx.state().reconcile().replaceOrphans(e.getKey(), List.of());
        }
        return deleted;
    }
}
