package dev.sky.cli.testing;

import dev.sky.cli.CliContext;
import dev.sky.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs sky commands in this JVM through {@link Main#run} with a given environment (a temp SKY_HOME and HOME), no
 * terminal and empty stdin. Fast; the black-box {@link SkyProcess} runs the packaged distribution instead.
 */
public final class SkyInProcess {
    private final Map<String, String> env = new HashMap<>();

    public SkyInProcess(Path skyHome, Path home) {
        env.put("SKY_HOME", skyHome.toString());
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("NO_GCE_CHECK", "true");
    }

    public SkyInProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, new ByteArrayInputStream(new byte[0]), false);
        int code = Main.run(args, ctx, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandResult(List.of(args), code, out.toString(), err.toString());
    }
}
