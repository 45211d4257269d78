package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.options.JsonOption;
import dev.sky.cli.render.CheckText;
import dev.sky.cli.render.Json;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyPaths;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.check.CloudChecker;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky check [CLOUD...]}: finds credentials (files and environment only) and records the enabled clouds. */
@Command(name = "check",
        description = "Check which clouds have credentials, and remember the enabled ones for planning.")
public final class Check extends BaseCommand {
    @Parameters(paramLabel = "CLOUD", arity = "0..*", description = "Clouds to check (default: all).")
    List<String> clouds = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Show the identity (account, profile) found for each cloud.")
    boolean verbose;

    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        SkyPaths paths = context().paths();
        CloudRegistry registry = CloudRegistry.discover();
        List<CredentialStatus> statuses;
        try (StateStore store = StateStore.at(paths)) {
            CloudChecker checker = new CloudChecker(registry, new CheckContext(context().env(), paths),
                    () -> SkyConfigLoader.load(paths), store, Clock.systemUTC());
            statuses = checker.check(clouds);
        }
        if (json.json) {
            out().println(Json.write(CheckText.toJson(statuses)));
        } else {
            CheckText text = new CheckText(id -> registry.find(id).map(d -> d.displayName()).orElse(id), style());
            out().print(text.render(statuses, verbose));
        }
        return ExitCode.OK;
    }
}
