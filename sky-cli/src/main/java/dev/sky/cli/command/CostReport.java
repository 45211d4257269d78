package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky cost-report}: not built yet. */
@Command(name = "cost-report", description = "Show the estimated cost of clusters, including terminated ones.")
public final class CostReport extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "sky cost-report is not available yet: clusters cannot be launched in this version.";
    }
}
