package dev.sky.core.yaml;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Autostop;
import dev.sky.core.task.Infra;
import dev.sky.core.task.JobRecovery;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code resources:} into a {@link ResourceChoice}: each {@code any_of}/{@code ordered} entry is merged over the
 * base mapping (labels are merged, not replaced), and each accelerator alternative becomes its own candidate.
 */
final class ResourcesParser {
    private ResourcesParser() {}

    static ResourceChoice parse(YNode resources) {
        if (resources.isNull()) {
            return ResourceChoice.single(Resources.defaults());
        }
        Map<String, YNode> base = new LinkedHashMap<>(resources.map());
        Keys.check(base, Keys.RESOURCES_TOP);
        aliasGpus(base);
        YNode anyOf = base.remove("any_of");
        YNode ordered = base.remove("ordered");
        boolean hasAnyOf = anyOf != null && !anyOf.isNull();
        boolean hasOrdered = ordered != null && !ordered.isNull();
        if (hasAnyOf && hasOrdered) {
            throw ordered.keyError("give either any_of (cheapest of) or ordered (in order of preference), not both");
        }
        if (!hasAnyOf && !hasOrdered) {
            YNode accels = base.get("accelerators");
            boolean list = accels != null && accels.isList() && accels.list().size() > 1;
            return new ResourceChoice(dedupe(single(base, null)), list);
        }
        YNode entries = hasAnyOf ? anyOf : ordered;
        String keyName = hasAnyOf ? "any_of" : "ordered";
        YNode baseAccels = base.get("accelerators");
        if (baseAccels != null && baseAccels.isList() && baseAccels.list().size() > 1) {
            throw baseAccels.error("a list of accelerators (an order of preference) cannot be combined with "
                    + keyName + "; use a mapping {A100: 8, V100: 8} or move the alternatives into " + keyName);
        }
        List<Resources> out = new ArrayList<>();
        for (YNode entry : entries.list()) {
            Map<String, YNode> own = new LinkedHashMap<>(entry.map());
            for (String nested : List.of("any_of", "ordered")) {
                if (own.containsKey(nested)) {
                    throw own.get(nested).keyError(keyName + " entries cannot contain " + nested);
                }
            }
            Keys.check(own, Keys.RESOURCE);
            aliasGpus(own);
            YNode accels = own.get("accelerators");
            if (accels != null && accels.isList() && accels.list().size() > 1) {
                throw accels.error("a list of accelerators cannot be used inside " + keyName
                        + "; use one entry per accelerator");
            }
            Map<String, YNode> merged = new LinkedHashMap<>(base);
            merged.putAll(own);
            YNode inheritedLabels = own.containsKey("labels") ? base.get("labels") : null;
            out.addAll(single(merged, inheritedLabels));
        }
        if (out.isEmpty()) {
            return new ResourceChoice(dedupe(single(base, null)), false);
        }
        return new ResourceChoice(dedupe(out), hasOrdered);
    }

    /** {@code gpus:} is an alias of {@code accelerators:}; giving both in one mapping is an error. */
    private static void aliasGpus(Map<String, YNode> m) {
        YNode gpus = m.remove("gpus");
        if (gpus == null) {
            return;
        }
        if (m.containsKey("accelerators")) {
            throw gpus.keyError("give either accelerators or its alias gpus, not both");
        }
        m.put("accelerators", gpus);
    }

    private static List<Resources> dedupe(List<Resources> rs) {
        return new ArrayList<>(new LinkedHashSet<>(rs));
    }

    /** One merged mapping into one candidate per accelerator alternative. */
    private static List<Resources> single(Map<String, YNode> m, YNode inheritedLabels) {
        Infra infra = infra(m);
        Amount cpus = amount(m.get("cpus"), Quantities::cpus);
        Amount memory = amount(m.get("memory"), Quantities::memory);
        String instanceType = str(m.get("instance_type"));
        boolean useSpot = m.containsKey("use_spot") && !m.get("use_spot").isNull() && m.get("use_spot").bool();
        JobRecovery recovery = recovery(m);
        int disk = diskSize(m);
        String diskTier = tier(m.get("disk_tier"), ResourceFields.DISK_TIERS);
        String networkTier = tier(m.get("network_tier"), ResourceFields.NETWORK_TIERS);
        List<String> ports = m.containsKey("ports") ? ResourceFields.ports(m.get("ports")) : List.of();
        Map<String, String> labels = new LinkedHashMap<>();
        if (inheritedLabels != null) {
            labels.putAll(ResourceFields.labels(inheritedLabels));
        }
        if (m.containsKey("labels")) {
            labels.putAll(ResourceFields.labels(m.get("labels")));
        }
        Map<String, String> image = m.containsKey("image_id") ? ResourceFields.imageId(m.get("image_id")) : Map.of();
        Autostop autostop = m.containsKey("autostop") ? ResourceFields.autostop(m.get("autostop")) : null;
        Map<String, Object> accelArgs = m.containsKey("accelerator_args")
                ? ResourceFields.acceleratorArgs(m.get("accelerator_args")) : Map.of();
        Integer priority = priority(m.get("priority"));
        Double maxCost = maxHourlyCost(m.get("max_hourly_cost"));
        Map<String, Object> extra = extra(m);

        YNode accelNode = m.get("accelerators");
        List<AcceleratorDemand> accels = new ArrayList<>();
        if (accelNode != null && !accelNode.isNull()) {
            accels.addAll(AcceleratorParser.parse(accelNode).demands());
        } else {
            accels.add(null);
        }
        List<Resources> out = new ArrayList<>();
        for (AcceleratorDemand a : accels) {
            out.add(new Resources(infra, cpus, memory, a, instanceType, useSpot, recovery, disk, diskTier,
                    networkTier, ports, labels, image, autostop, accelArgs, priority, maxCost, extra));
        }
        return out;
    }

    private static Infra infra(Map<String, YNode> m) {
        YNode infra = m.get("infra");
        boolean legacy = false;
        for (String k : List.of("cloud", "region", "zone")) {
            if (m.containsKey(k) && !m.get(k).isNull()) {
                legacy = true;
                if (infra != null && !infra.isNull()) {
                    throw m.get(k).keyError("give either infra or the legacy cloud/region/zone, not both"
                            + " (e.g. infra: aws/us-east-1)");
                }
            }
        }
        if (infra != null && !infra.isNull()) {
            try {
                return InfraParser.parse(infra.string());
            } catch (IllegalArgumentException e) {
                throw infra.error(e.getMessage());
            }
        }
        if (!legacy) {
            return Infra.ANY;
        }
        YNode cloud = m.get("cloud");
        String c = null;
        if (cloud != null && !cloud.isNull()) {
            try {
                c = InfraParser.cloud(cloud.string());
            } catch (IllegalArgumentException e) {
                throw cloud.error(e.getMessage());
            }
        }
        return new Infra(c, blankToNull(str(m.get("region"))), blankToNull(str(m.get("zone"))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.strip().equals("*") ? null : s.strip();
    }

    private static Amount amount(YNode n, Function<String, Amount> parse) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() && !n.isString()) {
            throw n.expected("a number or a string such as '4+'");
        }
        try {
            return parse.apply(n.raw());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static String str(YNode n) {
        return n == null ? null : n.optString();
    }

    private static JobRecovery recovery(Map<String, YNode> m) {
        YNode spot = m.get("spot_recovery");
        YNode job = m.get("job_recovery");
        if (spot != null) {
            spot.ctx().warn(spot, "spot_recovery is deprecated; use job_recovery instead");
            if (job == null) {
                return ResourceFields.jobRecovery(spot);
            }
        }
        return job == null ? null : ResourceFields.jobRecovery(job);
    }

    private static int diskSize(Map<String, YNode> m) {
        YNode n = m.get("disk_size");
        YNode legacy = m.get("ephemeral_storage");
        if (legacy != null) {
            legacy.ctx().warn(legacy, "ephemeral_storage is deprecated; use disk_size instead");
            if (n == null) {
                n = legacy;
            }
        }
        if (n == null || n.isNull()) {
            return Resources.DEFAULT_DISK_SIZE_GB;
        }
        if (!n.isInt() && !n.isString()) {
            throw n.expected("an integer number of GB or a size such as '100GB'");
        }
        try {
            return Quantities.diskGb(n.raw());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static String tier(YNode n, List<String> valid) {
        return n == null || n.isNull() ? null : ResourceFields.oneOf(n, valid);
    }

    private static Integer priority(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        int p = n.intValue();
        if (p < -1000 || p > 1000) {
            throw n.error("priority must be between -1000 and 1000, found " + p);
        }
        return p;
    }

    private static Double maxHourlyCost(YNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        double v = n.number();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw n.error("expected a price in dollars per hour greater than 0, found " + n.raw());
        }
        return v;
    }

    /** Keys accepted and carried but not acted on yet, each with a warning; internal keys are dropped. */
    private static Map<String, Object> extra(Map<String, YNode> m) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : m.entrySet()) {
            String k = e.getKey();
            YNode v = e.getValue();
            switch (k) {
                case "local_disk", "priority_class" -> {
                    if (!v.isNull()) {
                        extra.put(k, v.string());
                        v.ctx().warn(v, "accepted but not acted on yet");
                    }
                }
                case "volumes" -> {
                    if (!v.isNull()) {
                        extra.put(k, ResourceFields.volumes(v));
                        v.ctx().warn(v, "accepted but not acted on yet: sky does not attach volumes");
                    }
                }
                case "_no_missing_accel_warnings" -> v.bool();
                default -> {
                    if (k.startsWith("_")) {
                        v.ctx().warn(v, "an internal SkyPilot key; ignored");
                    }
                }
            }
        }
        return extra;
    }
}
