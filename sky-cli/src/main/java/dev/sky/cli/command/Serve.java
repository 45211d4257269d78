package dev.sky.cli.command;

import picocli.CommandLine.Command;

/** {@code sky serve}: not built yet. */
@Command(name = "serve", description = "Serve models with replicas behind a load balancer (up, update, status, down, logs).")
public final class Serve extends NotYetCommand {
    @Override
    protected String notAvailable() {
        return "Sky Serve is not supported yet.";
    }
}
