package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.gpus.CloudCatalog;
import dev.sky.cli.gpus.GpuOffer;
import dev.sky.cli.gpus.GpuQuery;
import dev.sky.cli.gpus.GpuTables;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.render.Json;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sky show-gpus [NAME[:COUNT]]}: accelerators from the price catalogs of every catalog-backed cloud, enabled
 * or not (browsing prices needs no credentials; {@code sky check} tells which clouds can be used).
 */
@Command(name = "show-gpus",
        description = "List accelerators from the price catalogs: names and quantities, or one accelerator's "
                + "offers and prices.")
public final class ShowGpus extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME[:COUNT]",
            description = "An accelerator name (matched case-insensitively as a substring), optionally with a count.")
    String accelerator;

    @Option(names = {"-a", "--all"}, description = "List every accelerator, not only the common ones.")
    boolean all;

    @Option(names = "--infra", paramLabel = "CLOUD[/REGION]", description = "Only this cloud (and region).")
    String infra;

    @Option(names = "--cloud", hidden = true, description = "Deprecated: use --infra.")
    String cloud;

    @Option(names = "--region", paramLabel = "REGION", description = "Only this region (needs a cloud).")
    String region;

    @Option(names = "--all-regions", description = "One line per region instead of the cheapest region.")
    boolean allRegions;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        String cloudId = cloud;
        String regionFilter = region;
        if (infra != null) {
            if (cloud != null) {
                throw SkyException.invalidInput("--infra cannot be combined with the deprecated --cloud.");
            }
            String[] parts = infra.split("/", -1);
            cloudId = parts[0].equals("*") ? null : parts[0];
            if (parts.length > 1 && !parts[1].equals("*") && !parts[1].isEmpty()) {
                if (region != null && !region.equals(parts[1])) {
                    throw SkyException.invalidInput("--region " + region + " contradicts --infra " + infra + ".");
                }
                regionFilter = parts[1];
            }
        } else if (cloud != null) {
            warn("--cloud is deprecated; use --infra " + cloud + ".");
        }
        if (regionFilter != null && cloudId == null) {
            throw SkyException.invalidInput("--region needs a cloud: use --infra CLOUD/REGION.");
        }
        if (all && accelerator != null) {
            throw SkyException.invalidInput("--all cannot be combined with an accelerator name: "
                    + "'sky show-gpus " + accelerator + "' already lists all its offers.");
        }
        if (allRegions && (accelerator == null || regionFilter != null)) {
            throw SkyException.invalidInput("--all-regions needs an accelerator name and no --region.");
        }
        String name = null;
        Double quantity = null;
        if (accelerator != null) {
            int colon = accelerator.lastIndexOf(':');
            name = colon < 0 ? accelerator : accelerator.substring(0, colon);
            if (colon >= 0) {
                quantity = positiveInt(accelerator.substring(colon + 1));
            }
            if (name.isBlank()) {
                throw SkyException.invalidInput("Invalid accelerator '" + accelerator + "': expected NAME[:COUNT].");
            }
        }

        GpuQuery query = new GpuQuery(catalogs(cloudId));
        GpuTables tables = new GpuTables(style());
        if (name == null) {
            Map<String, TreeSet<Double>> quantities = query.quantities(regionFilter);
            out().print(json.json ? Json.write(GpuTables.quantitiesJson(quantities)) + "\n"
                    : tables.quantities(quantities, all));
            return ExitCode.OK;
        }
        Map<String, List<GpuOffer>> offers = query.offers(name, quantity, regionFilter, allRegions);
        if (offers.isEmpty()) {
            throw new SkyException(ExitCode.GENERIC, "No accelerator matches '" + accelerator + "'"
                    + (cloudId != null ? " on " + cloudId : "") + (regionFilter != null ? " in " + regionFilter : "")
                    + ". Run 'sky show-gpus --all' to list every accelerator and its quantities.");
        }
        out().print(json.json ? Json.write(GpuTables.offersJson(offers)) + "\n" : tables.offers(offers));
        return ExitCode.OK;
    }

    private List<CloudCatalog> catalogs(String cloudId) {
        CloudRegistry clouds = CloudRegistry.discover();
        List<CloudDescriptor> selected = cloudId != null ? List.of(clouds.fromId(cloudId))
                : clouds.all().stream().filter(d -> !d.computedOfferings()).toList();
        List<CloudCatalog> out = new ArrayList<>();
        for (CloudDescriptor d : selected) {
            out.add(new CloudCatalog(d.id(), d.displayName(), d.offerings(context().paths())));
        }
        return out;
    }

    private static double positiveInt(String s) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw SkyException.invalidInput("Invalid accelerator quantity '" + s + "': it must be a positive integer.");
    }
}
