package dev.sky.optimizer.cloud;

import dev.sky.core.SkyPaths;
import java.util.Map;

/**
 * What credential discovery may look at: the environment and files under the user's home and SKY_HOME.
 * Discovery makes no network call.
 */
public record CheckContext(Map<String, String> env, SkyPaths paths) {}
