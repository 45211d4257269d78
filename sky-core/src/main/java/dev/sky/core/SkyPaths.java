package dev.sky.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where sky keeps its files. Everything lives under SKY_HOME (default ~/.skyj), never SkyPilot's ~/.sky.
 *
 * @param home the SKY_HOME folder
 * @param userHome the user's home folder (for ~/.aws, ~/.ssh/config and the like)
 */
public record SkyPaths(Path home, Path userHome) {

    /** Resolves SKY_HOME from the given environment, falling back to ~/.skyj. */
    public static SkyPaths fromEnv(Map<String, String> env) {
        Path userHome = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        String sky = env.get("SKY_HOME");
        Path home = (sky == null || sky.isBlank()) ? userHome.resolve(".skyj") : Path.of(sky);
        return new SkyPaths(home.toAbsolutePath(), userHome.toAbsolutePath());
    }

    public static SkyPaths current() {
        return fromEnv(System.getenv());
    }

    public Path stateDb() { return home.resolve("state.db"); }
    public Path config() { return home.resolve("config.yaml"); }
    public Path userCatalog(String cloud) { return home.resolve("catalogs").resolve(cloud).resolve("vms.csv"); }
    public Path catalogCache() { return home.resolve("cache").resolve("catalogs"); }
    public Path locks() { return home.resolve("locks"); }
    /** One file per (cloud, region): the API rate limiter that every sky process of this SKY_HOME shares. */
    public Path rateLimits() { return home.resolve("ratelimits"); }
    public Path keys() { return home.resolve("keys"); }
    public Path generatedSsh() { return home.resolve("generated").resolve("ssh"); }
    public Path sshNodePools() { return home.resolve("ssh_node_pools.yaml"); }
    public Path localNodes() { return home.resolve("local"); }
    public Path logs() { return home.resolve("logs"); }
}
