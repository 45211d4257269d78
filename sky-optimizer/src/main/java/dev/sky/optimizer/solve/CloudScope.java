package dev.sky.optimizer.solve;

import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.PlanRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The clouds a resource candidate is planned on. A pinned cloud is the only one. Otherwise the enabled clouds (or,
 * with {@code allClouds}, every cloud given) that may be chosen unpinned; clouds that may not (local) are used only
 * when no other enabled cloud is left, and never with {@code allClouds}.
 *
 * @param clouds the clouds to plan on
 * @param reasons why a pinned cloud cannot be used, or why no cloud is left
 */
record CloudScope(List<CloudOffering> clouds, List<String> reasons) {

    static CloudScope of(Resources r, PlanRequest req) {
        String pinned = r.infra().cloud();
        if (pinned != null) {
            for (CloudOffering c : req.clouds()) {
                if (c.id().equalsIgnoreCase(pinned)) {
                    if (req.allClouds() || req.enabledClouds().contains(c.id())) {
                        return new CloudScope(List.of(c), List.of());
                    }
                    return notEnabled(c.displayName(), c.id());
                }
            }
            // The caller may load only the clouds it can use; an unknown name is the task loader's error.
            if (req.enabledClouds().contains(pinned)) {
                return new CloudScope(List.of(), List.of(pinned + ": the task asks for " + pinned
                        + ", but its offerings were not given to the optimizer"));
            }
            return notEnabled(pinned, pinned);
        }
        List<CloudOffering> pool = new ArrayList<>();
        for (CloudOffering c : req.clouds()) {
            if (req.allClouds() || req.enabledClouds().contains(c.id())) {
                pool.add(c);
            }
        }
        List<CloudOffering> choosable = pool.stream().filter(c -> c.descriptor().choosableWhenNotPinned()).toList();
        if (!choosable.isEmpty()) {
            return new CloudScope(choosable, List.of());
        }
        if (!req.allClouds() && !pool.isEmpty()) {
            return new CloudScope(pool, List.of());
        }
        String why = req.allClouds() ? "No cloud to plan on: --all-clouds leaves out clouds that must be pinned"
                : "No cloud is enabled; run `sky check` to enable one";
        return new CloudScope(List.of(), List.of(why));
    }

    private static CloudScope notEnabled(String name, String id) {
        return new CloudScope(List.of(), List.of(name + ": the task asks for " + id
                + ", which is not enabled; run `sky check " + id + "` to enable it"));
    }
}
