package dev.sky.cli;

import dev.sky.cli.render.Style;
import dev.sky.core.SkyPaths;
import java.io.InputStream;
import java.util.Map;

/**
 * What a command may see of the outside world besides its arguments: the environment, stdin, and whether the
 * terminal is interactive. Passed in by {@link Main} so that tests can run commands in-process with a temp SKY_HOME.
 *
 * @param env the environment variables (SKY_HOME, HOME, NO_COLOR, SKY_DEBUG, and values for bare {@code --env KEY})
 * @param in standard input, for confirmation prompts
 * @param interactive whether stdin and stdout are a terminal (colour, prompts)
 */
public record CliContext(Map<String, String> env, InputStream in, boolean interactive) {
    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), System.in, System.console() != null);
    }

    public SkyPaths paths() {
        return SkyPaths.fromEnv(env);
    }

    public Style style() {
        return Style.detect(env, interactive);
    }

    /** SKY_DEBUG=1 shows stack traces, like --debug. */
    public boolean debugFromEnv() {
        String v = env.get("SKY_DEBUG");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }
}
