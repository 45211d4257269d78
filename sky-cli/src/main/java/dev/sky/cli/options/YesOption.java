package dev.sky.cli.options;

import picocli.CommandLine.Option;

/** {@code -y/--yes}: skip confirmation prompts. */
public final class YesOption {
    @Option(names = {"-y", "--yes"}, description = "Skip the confirmation prompt.")
    public boolean yes;
}
