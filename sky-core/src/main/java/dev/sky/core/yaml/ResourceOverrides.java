package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Infra;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The resource flags of {@link TaskOverrides}, applied to every candidate of a task. */
final class ResourceOverrides {
    private ResourceOverrides() {}

    static ResourceChoice apply(TaskOverrides o, ResourceChoice choice) {
        List<AcceleratorDemand> gpus = gpus(o.gpus());
        Infra infra = o.infra() == null ? null
                : isNone(o.infra()) || o.infra().strip().equals("*") ? Infra.ANY : parse("--infra", o.infra(),
                InfraParser::parse);
        Amount cpus = o.cpus() == null || isNone(o.cpus()) ? null : parse("--cpus", o.cpus(), Quantities::cpus);
        Amount memory = o.memory() == null || isNone(o.memory()) ? null : parse("--memory", o.memory(), Quantities::memory);
        Integer disk = o.diskSize() == null ? null : isNone(o.diskSize()) ? Resources.DEFAULT_DISK_SIZE_GB
                : parse("--disk-size", o.diskSize(), Quantities::diskGb);
        String diskTier = tier("--disk-tier", o.diskTier(), ResourceFields.DISK_TIERS);
        String networkTier = tier("--network-tier", o.networkTier(), ResourceFields.NETWORK_TIERS);
        List<String> ports = ports(o.ports());

        List<Resources> out = new ArrayList<>();
        for (Resources r : choice.candidates()) {
            for (AcceleratorDemand a : gpus == null ? java.util.Collections.singletonList(r.accelerator()) : gpus) {
                out.add(new Resources(
                        infra != null ? infra : r.infra(),
                        o.cpus() != null ? cpus : r.cpus(),
                        o.memory() != null ? memory : r.memory(),
                        a,
                        o.instanceType() != null ? (isNone(o.instanceType()) ? null : o.instanceType().strip())
                                : r.instanceType(),
                        o.useSpot() != null ? o.useSpot() : r.useSpot(),
                        r.jobRecovery(),
                        disk != null ? disk : r.diskSizeGb(),
                        o.diskTier() != null ? diskTier : r.diskTier(),
                        o.networkTier() != null ? networkTier : r.networkTier(),
                        ports != null ? ports : r.ports(),
                        r.labels(),
                        o.imageId() != null ? (isNone(o.imageId()) ? Map.of()
                                : Map.of(Resources.ANY_REGION, o.imageId().strip())) : r.imageId(),
                        r.autostop(), r.acceleratorArgs(), r.priority(), r.maxHourlyCost(), r.extra()));
            }
        }
        return new ResourceChoice(new ArrayList<>(new LinkedHashSet<>(out)), choice.ordered());
    }

    static boolean isNone(String v) {
        return v != null && v.strip().equalsIgnoreCase("none");
    }

    /** {@code --gpus}: null when not given; a list holding null for {@code none}. */
    private static List<AcceleratorDemand> gpus(String v) {
        if (v == null) {
            return null;
        }
        if (isNone(v)) {
            return java.util.Collections.singletonList(null);
        }
        return parse("--gpus", v, AcceleratorParser::parse).demands();
    }

    private static String tier(String flag, String v, List<String> valid) {
        if (v == null || isNone(v)) {
            return null;
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        if (!valid.contains(t)) {
            throw SkyException.invalidInput(flag + ": '" + v + "' is not one of " + String.join(", ", valid));
        }
        return t;
    }

    /** {@code --ports}: null when not given; {@code none} alone clears the YAML's ports. */
    private static List<String> ports(List<String> flags) {
        if (flags.isEmpty()) {
            return null;
        }
        boolean none = flags.stream().anyMatch(ResourceOverrides::isNone);
        if (none && flags.size() > 1) {
            throw SkyException.invalidInput("--ports: cannot give both 'none' and other ports");
        }
        return none ? List.of() : parse("--ports", flags, Ports::simplify);
    }

    private static <I, T> T parse(String flag, I value, Function<I, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw SkyException.invalidInput(flag + ": " + e.getMessage());
        }
    }
}
