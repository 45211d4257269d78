package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.GcText;
import dev.sky.cli.options.JsonOption;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.gc.GarbageCollector;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sky gc}: list resources that carry sky's tags but belong to no cluster record; delete them with --yes. */
@Command(name = "gc", description = "List resources sky tagged that no cluster owns (orphans); --yes deletes them.")
public final class Gc extends BaseCommand {
    @Option(names = "--infra", paramLabel = "CLOUD[/REGION]",
            description = "Only this cloud (and region), e.g. aws or aws/us-east-1. Default: every cloud that can"
                    + " list by tag.")
    String infra;

    @Option(names = {"-y", "--yes"}, description = "Delete the orphans found (instances first).")
    boolean yes;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            List<String> clouds;
            List<String> regions = List.of();
            if (infra != null) {
                String[] parts = infra.trim().split("/", -1);
                String cloud = cc.clouds().canonicalId(parts[0]).orElseThrow(() -> new SkyException(
                        ExitCode.INVALID_INPUT, "--infra: unknown cloud '" + parts[0] + "'; valid clouds: "
                        + String.join(", ", cc.clouds().ids())));
                if (parts.length > 2 || (parts.length == 2 && parts[1].isBlank())) {
                    throw new SkyException(ExitCode.INVALID_INPUT, "--infra takes CLOUD or CLOUD/REGION, not '"
                            + infra + "'.");
                }
                clouds = List.of(cloud);
                regions = parts.length == 2 ? List.of(parts[1]) : List.of();
            } else {
                // Only clouds sky can create on can hold what sky created.
                clouds = cc.clouds().all().stream()
                        .filter(c -> !c.unsupported().containsKey(CloudFeature.PROVISION))
                        .map(CloudDescriptor::id).toList();
            }
            GarbageCollector gc = new GarbageCollector(cc);
            GarbageCollector.Scan scan = gc.scan(clouds, regions);
            if (infra != null && scan.scanned().isEmpty()) {
                throw new SkyException(ExitCode.GENERIC, "Cannot list " + clouds.get(0) + "'s resources: "
                        + scan.skipped().get(clouds.get(0)) + ".");
            }
            int deleted = yes && !scan.orphans().isEmpty() ? gc.delete(scan) : 0;
            if (json.json) {
                out().println(GcText.json(scan, yes, deleted));
            } else {
                GcText.lines(scan, style(), yes, deleted).forEach(out()::println);
            }
            return ExitCode.OK;
        }
    }
}
