package dev.sky.provision.spi;

import dev.sky.core.SkyPaths;
import java.util.Map;

/**
 * What a provisioner may use: sky's folders and the environment (read it from here, never from
 * {@code System.getenv}, so that tests can give their own).
 *
 * @param paths SKY_HOME and the user's home
 * @param env the environment variables
 */
public record ProvisionerContext(SkyPaths paths, Map<String, String> env) {
    public ProvisionerContext {
        env = Map.copyOf(env);
    }

    public static ProvisionerContext current() {
        return new ProvisionerContext(SkyPaths.current(), System.getenv());
    }
}
