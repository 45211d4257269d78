package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.Confirm;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.state.StorageTable.StorageRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.storage.BucketDeleter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sky storage delete NAME... [-a] [-y] [--force]}: deletes buckets with their objects; the record goes once
 * the store confirms. A bucket sky did not create needs --force and a confirmation.
 */
@Command(name = "delete", description = "Delete buckets (and every object in them) recorded by sky.")
public final class StorageDelete extends BaseCommand {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Buckets (globs allowed).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Every recorded bucket.")
    boolean all;

    @Option(names = {"-y", "--yes"}, description = "Skip the confirmation prompt.")
    boolean yes;

    @Option(names = "--force", description = "Also delete buckets sky did not create.")
    boolean force;

    @Override
    protected int run() {
        if (all == !names.isEmpty()) {
            throw SkyException.invalidInput("Give bucket names or -a/--all (exactly one of them).");
        }
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            List<StorageRecord> targets = new ArrayList<>();
            for (StorageRecord r : cc.state().storage().list()) {
                if (all || names.stream().anyMatch(n -> matches(n, r.name()))) {
                    targets.add(r);
                }
            }
            if (targets.isEmpty()) {
                if (all) {
                    out().println("No existing storage.");
                    return ExitCode.OK;
                }
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "No storage matches "
                        + String.join(", ", names) + ". See `sky storage ls`.");
            }
            // Refuse before deleting anything, so a refusal changes nothing.
            List<String> foreign = new ArrayList<>();
            for (StorageRecord r : targets) {
                if (!r.clusters().isEmpty()) {
                    throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Bucket '" + r.name() + "' is used by"
                            + " cluster(s) " + String.join(", ", r.clusters()) + "; run `sky down` on them first.");
                }
                if (!r.createdBySky()) {
                    foreign.add(r.name());
                }
            }
            if (!foreign.isEmpty() && !force) {
                throw SkyException.invalidInput("sky did not create " + String.join(", ", foreign) + "; pass --force"
                        + " to delete it with every object in it.");
            }
            Confirm.ask(context(), err(), yes, "Deleting " + targets.size() + " bucket(s) with every object in"
                    + " them: " + String.join(", ", targets.stream().map(StorageRecord::name).toList())
                    + (foreign.isEmpty() ? "." : " (not created by sky: " + String.join(", ", foreign) + ")."),
                    spec.qualifiedName());
            int code = ExitCode.OK;
            for (StorageRecord r : targets) {
                try {
                    new BucketDeleter(cc).delete(r);
                    out().println("Deleted storage '" + r.name() + "'.");
                } catch (SkyException e) {
                    err().println("sky: " + r.name() + ": " + e.getMessage());
                    code = e.exitCode();
                }
            }
            return code;
        }
    }

    private static boolean matches(String pattern, String name) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name));
    }
}
