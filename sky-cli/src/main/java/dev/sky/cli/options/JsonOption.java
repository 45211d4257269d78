package dev.sky.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON object on stdout instead of text. The shapes are documented in docs/cli.md. */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON object on stdout (shape: docs/cli.md).")
    public boolean json;
}
