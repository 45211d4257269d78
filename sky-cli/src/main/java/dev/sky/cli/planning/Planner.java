package dev.sky.cli.planning;

import dev.sky.cli.CliContext;
import dev.sky.cli.render.CloudLabels;
import dev.sky.core.SkyPaths;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.core.state.StateStore;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.Optimizer;
import dev.sky.optimizer.PlanRequest;
import dev.sky.optimizer.check.CloudChecker;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.ShapedOfferings;
import dev.sky.optimizer.plan.Plan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a pipeline the way {@code sky launch} does: finds the enabled clouds (the cached {@code sky check}), loads
 * the catalogs of only the clouds the plan can use, and runs the optimizer.
 */
public final class Planner {
    /**
     * A plan with what the renderers need to show it.
     *
     * @param plan the optimizer's plan
     * @param labels cloud display names and the enabled set
     * @param clouds the descriptors that were planned over, by id
     */
    public record Planned(Plan plan, CloudLabels labels, Map<String, CloudDescriptor> clouds) {}

    private final CliContext context;
    private final CloudRegistry registry;

    public Planner(CliContext context) {
        this.context = context;
        this.registry = CloudRegistry.discover();
    }

    public CloudRegistry registry() {
        return registry;
    }

    public Planned plan(Pipeline pipeline, boolean allClouds) {
        SkyPaths paths = context.paths();
        Set<String> enabled = enabledClouds(paths);
        Map<String, CloudDescriptor> clouds = new LinkedHashMap<>();
        for (CloudDescriptor d : cloudsToLoad(pipeline, enabled, allClouds)) {
            clouds.put(d.id(), d);
        }
        List<CloudOffering> offerings = new ArrayList<>();
        Set<String> pinned = pinnedClouds(pipeline);
        for (CloudDescriptor d : clouds.values()) {
            // Made-to-measure offerings (Kubernetes pods) serve only tasks that pin their cloud.
            ShapedOfferings shaped = pinned.contains(d.id())
                    ? d.shapedOfferings(new CheckContext(context.env(), paths)) : null;
            offerings.add(CloudOffering.of(d, d.offerings(paths), shaped));
        }
        Plan plan = Optimizer.optimize(new PlanRequest(pipeline, offerings, enabled, allClouds));
        Map<String, String> names = new LinkedHashMap<>();
        registry.all().forEach(d -> names.put(d.id(), d.displayName()));
        return new Planned(plan, new CloudLabels(names, enabled), clouds);
    }

    /** The cached enabled set; the check runs once when there is none. */
    private Set<String> enabledClouds(SkyPaths paths) {
        try (StateStore store = StateStore.at(paths)) {
            CloudChecker checker = new CloudChecker(registry, new CheckContext(context.env(), paths),
                    () -> SkyConfigLoader.load(paths), store, Clock.systemUTC());
            return checker.enabledClouds();
        }
    }

    /** Ids of the clouds that some resource candidate pins. */
    private Set<String> pinnedClouds(Pipeline pipeline) {
        Set<String> out = new LinkedHashSet<>();
        for (Task t : pipeline.tasks()) {
            for (Resources r : t.resources().candidates()) {
                if (r.infra().cloud() != null) {
                    out.add(registry.fromId(r.infra().cloud()).id());
                }
            }
        }
        return out;
    }

    /**
     * Only the clouds the optimizer may pick: the pinned ones when every candidate pins a cloud; otherwise the
     * enabled ones (every cloud with --all-clouds) plus any pinned one, so that its reason can be shown. A cloud that
     * is chosen only when pinned (local) is not loaded for --all-clouds unless pinned.
     */
    private List<CloudDescriptor> cloudsToLoad(Pipeline pipeline, Set<String> enabled, boolean allClouds) {
        Set<String> pinned = new LinkedHashSet<>();
        boolean everyCandidatePinned = true;
        for (Task t : pipeline.tasks()) {
            for (Resources r : t.resources().candidates()) {
                if (r.infra().cloud() == null) {
                    everyCandidatePinned = false;
                } else {
                    pinned.add(registry.fromId(r.infra().cloud()).id());
                }
            }
        }
        List<CloudDescriptor> out = new ArrayList<>();
        for (CloudDescriptor d : registry.all()) {
            boolean wanted = pinned.contains(d.id()) || (!everyCandidatePinned
                    && (allClouds ? d.choosableWhenNotPinned() : enabled.contains(d.id())));
            if (wanted) {
                out.add(d);
            }
        }
        return out;
    }
}
