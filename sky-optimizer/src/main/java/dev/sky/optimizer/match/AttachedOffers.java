package dev.sky.optimizer.match;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import dev.sky.optimizer.index.CatalogIndex;
import dev.sky.optimizer.match.AttachableHostRules.FixedHosts;
import dev.sky.optimizer.match.AttachableHostRules.InvalidCount;
import dev.sky.optimizer.match.AttachableHostRules.N1Host;
import dev.sky.optimizer.match.AttachableHostRules.NoHost;
import dev.sky.optimizer.match.AttachableHostRules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers on a cloud that prices accelerators apart from their host (GCP): each attachable accelerator row joined
 * with the cheapest allowed host in the same zone; the price is host plus accelerators.
 */
final class AttachedOffers {

    private AttachedOffers() {}

    /**
     * Whether the request is planned as host plus attached accelerators on this cloud. A catalog that prices an
     * accelerator inside instance rows only is planned row by row instead.
     */
    static boolean applies(Resources r, CloudOffering cloud) {
        if (!cloud.descriptor().attachableAccelerators()) {
            return false;
        }
        AcceleratorDemand demand = demandOf(r);
        if (demand == null) {
            return false;
        }
        CatalogIndex index = cloud.index();
        return !AcceleratorRows.named(index, demand, true).isEmpty()
                || AcceleratorRows.named(index, demand, false).isEmpty();
    }

    /** The accelerator asked for, or the one a fixed host type carries ({@code a2-highgpu-1g} is A100:1). */
    static AcceleratorDemand demandOf(Resources r) {
        if (r.accelerator() != null) {
            return r.accelerator();
        }
        if (r.instanceType() == null) {
            return null;
        }
        AttachableHostRules.Implied implied = AttachableHostRules.impliedBy(r.instanceType());
        return implied == null ? null : AcceleratorDemand.of(implied.name(), implied.count());
    }

    static CloudMatch find(Resources r, CloudOffering cloud) {
        String name = cloud.displayName();
        CatalogIndex index = cloud.index();
        AcceleratorDemand demand = demandOf(r);
        List<CatalogRow> named = AcceleratorRows.named(index, demand, true);
        if (named.isEmpty()) {
            return CloudMatch.miss(AcceleratorRows.noneOffered(name, demand, index, false),
                    AcceleratorRows.fuzzy(index, demand, r.useSpot()));
        }
        List<CatalogRow> counted = named.stream()
                .filter(row -> SizeFilter.countMatches(row.acceleratorCount(), demand.count(), false)).toList();
        if (counted.isEmpty()) {
            return CloudMatch.miss(name + ": " + demand + " cannot be attached (offered: "
                    + AcceleratorRows.offered(named) + ")", AcceleratorRows.fuzzy(index, demand, r.useSpot()));
        }
        List<Offer> out = new ArrayList<>();
        String ruleMiss = null;
        SizeFilter sizeWanted = null;
        for (CatalogRow acc : counted) {
            Rule rule = AttachableHostRules.forAccelerator(acc.acceleratorName(), acc.acceleratorCount(), tpuVm(r));
            String accText = Text.accelerator(acc.acceleratorName(), acc.acceleratorCount());
            String refusal = refusal(rule, accText, r.instanceType());
            if (refusal != null) {
                ruleMiss = name + ": " + refusal;
                continue;
            }
            if (rule instanceof NoHost) {
                out.add(new Offer(AttachableHostRules.TPU_VM, acc.acceleratorName(), acc.acceleratorCount(),
                        Double.NaN, Double.NaN, acc.region(), acc.zone(), acc.price(r.useSpot())));
                continue;
            }
            SizeFilter size = hostSize(rule, r);
            sizeWanted = size;
            CatalogRow host = cheapestHost(index, acc, rule, size, r);
            if (host != null) {
                out.add(new Offer(host.instanceType(), acc.acceleratorName(), acc.acceleratorCount(), host.vcpus(),
                        host.memoryGb(), acc.region(), acc.zone(), host.price(r.useSpot()) + acc.price(r.useSpot())));
            }
        }
        if (!out.isEmpty()) {
            return CloudMatch.hit(out);
        }
        if (ruleMiss != null) {
            return CloudMatch.miss(ruleMiss);
        }
        return CloudMatch.miss(name + ": no host for " + demand + " has " + sizeWanted
                + " in the zones that offer it");
    }

    /** Why the rule forbids the request outright (a count or a host type), or null. */
    private static String refusal(Rule rule, String acc, String instanceType) {
        if (rule instanceof InvalidCount invalid) {
            return acc + " cannot be attached (valid counts: " + Text.list(
                    invalid.validCounts().stream().map(String::valueOf).toList(), 10) + ")";
        }
        if (instanceType == null) {
            return null;
        }
        if (rule instanceof NoHost && !instanceType.equals(AttachableHostRules.TPU_VM)) {
            return acc + " runs on a TPU VM, not " + instanceType
                    + " (for a TPU node beside a host VM, set accelerator_args.tpu_vm: false)";
        }
        if (rule instanceof FixedHosts fixed && !fixed.instanceTypes().contains(instanceType)) {
            return acc + " needs " + Text.list(fixed.instanceTypes(), 5) + ", not " + instanceType;
        }
        if (rule instanceof N1Host
                && !AttachableHostRules.N1_FAMILIES.contains(DefaultInstancePolicy.familyOf(instanceType))) {
            return acc + " attaches only to n1 hosts, not " + instanceType;
        }
        return null;
    }

    /** Whether a TPU runs as a TPU VM (SkyPilot's default) rather than as a TPU node beside a host. */
    static boolean tpuVm(Resources r) {
        return !Boolean.FALSE.equals(r.acceleratorArgs().get("tpu_vm"));
    }

    /**
     * The host size: the user's cpus/memory; for n1 hosts without them, SkyPilot's defaults, unless the user named
     * the host type.
     */
    private static SizeFilter hostSize(Rule rule, Resources r) {
        if (!(rule instanceof N1Host n1) || r.instanceType() != null) {
            return new SizeFilter(r.cpus(), r.memory(), false);
        }
        Amount cpus = r.cpus() == null && r.memory() == null ? Amount.atLeast(n1.defaultCpus()) : r.cpus();
        Amount memory = r.memory() != null || cpus == null ? r.memory()
                : Amount.atLeast(cpus.value() * AttachableHostRules.HOST_MEMORY_PER_CPU);
        return new SizeFilter(cpus, memory, false);
    }

    /** The cheapest allowed host in the accelerator row's zone (one without a price of this kind if none has). */
    private static CatalogRow cheapestHost(CatalogIndex index, CatalogRow acc, Rule rule, SizeFilter size,
                                           Resources r) {
        List<List<CatalogRow>> candidates;
        if (rule instanceof FixedHosts fixed) {
            candidates = new ArrayList<>();
            for (String type : fixed.instanceTypes()) {
                candidates.add(index.hostRows(acc.region(), acc.zone(), type));
            }
        } else {
            candidates = new ArrayList<>();
            for (String family : AttachableHostRules.N1_FAMILIES) {
                candidates.add(index.hostFamilyRows(acc.region(), acc.zone(), family));
            }
        }
        N1Host n1 = rule instanceof N1Host h ? h : null;
        CatalogRow best = null;
        for (List<CatalogRow> rows : candidates) {
            for (CatalogRow host : rows) {
                if (!hostAllowed(host, n1, size, r.instanceType())) {
                    continue;
                }
                if (best == null || cheaper(host, best, r.useSpot())) {
                    best = host;
                }
            }
        }
        return best;
    }

    private static boolean hostAllowed(CatalogRow host, N1Host n1, SizeFilter size, String instanceType) {
        if (instanceType != null && !instanceType.equals(host.instanceType())) {
            return false;
        }
        if (n1 != null && (host.vcpus() > n1.maxCpus() || host.memoryGb() > n1.maxMemoryGb())) {
            return false;
        }
        return size.admits(host);
    }

    private static boolean cheaper(CatalogRow a, CatalogRow b, boolean spot) {
        double pa = a.price(spot);
        double pb = b.price(spot);
        if (Double.isNaN(pb) != Double.isNaN(pa)) {
            return Double.isNaN(pb);
        }
        if (!Double.isNaN(pa) && pa != pb) {
            return pa < pb;
        }
        return a.instanceType().compareTo(b.instanceType()) < 0;
    }
}
