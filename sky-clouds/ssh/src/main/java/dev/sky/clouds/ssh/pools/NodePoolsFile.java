package dev.sky.clouds.ssh.pools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads SkyPilot's {@code ssh_node_pools.yaml} layout:
 * <pre>
 * my-pool:
 *   user: ubuntu                  # default for the hosts
 *   identity_file: ~/.ssh/id_rsa  # default for the hosts
 *   hosts:
 *     - 192.168.1.10
 *     - ip: 192.168.1.11
 *       user: admin
 *       port: 2222
 * </pre>
 * A pool with a problem is returned with its reason, so one bad pool does not hide the others.
 */
public final class NodePoolsFile {
    /** The file could not be read or parsed at all. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message) {
            super(message);
        }
    }

    private NodePoolsFile() {}

    /** The pools, in file order; an empty list for a missing or empty file. */
    public static List<NodePool> read(Path file, Path userHome) throws UnreadableException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (MarkedYamlEngineException e) {
            throw new UnreadableException(file + e.getProblemMark()
                    .map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("") + ": invalid YAML");
        } catch (YamlEngineException e) {
            throw new UnreadableException(file + ": invalid YAML");
        } catch (IOException e) {
            throw new UnreadableException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (doc == null) {
            return List.of();
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new UnreadableException(file + ": expected a mapping of pool names to pools");
        }
        List<NodePool> pools = new ArrayList<>();
        root.forEach((name, body) -> pools.add(pool(String.valueOf(name), body, userHome)));
        return pools;
    }

    private static NodePool pool(String name, Object body, Path userHome) {
        if (!(body instanceof Map<?, ?> p)) {
            return new NodePool(name, List.of(), "expected a mapping with 'hosts'");
        }
        if (!(p.get("hosts") instanceof List<?> hostList) || hostList.isEmpty()) {
            return new NodePool(name, List.of(), "no hosts listed");
        }
        String defaultUser = text(p.get("user"));
        String defaultKey = text(p.get("identity_file"));
        List<NodePool.Host> hosts = new ArrayList<>();
        for (int i = 0; i < hostList.size(); i++) {
            Object h = hostList.get(i);
            String address;
            String user = defaultUser;
            String key = defaultKey;
            int port = 22;
            if (h instanceof Map<?, ?> m) {
                address = text(m.get("ip"));
                user = text(m.get("user")) != null ? text(m.get("user")) : user;
                key = text(m.get("identity_file")) != null ? text(m.get("identity_file")) : key;
                if (m.get("port") != null) {
                    if (!(m.get("port") instanceof Integer n) || n < 1 || n > 65535) {
                        return new NodePool(name, hosts, "hosts[" + i + "]: port must be a number from 1 to 65535");
                    }
                    port = n;
                }
            } else {
                address = text(h);
            }
            if (address == null) {
                return new NodePool(name, hosts, "hosts[" + i + "]: no address (give a host name or 'ip')");
            }
            if (key != null && !Files.isRegularFile(expand(key, userHome))) {
                return new NodePool(name, hosts, "hosts[" + i + "]: identity_file " + key + " does not exist");
            }
            hosts.add(new NodePool.Host(address, user, port, key == null ? null : expand(key, userHome).toString()));
        }
        return new NodePool(name, hosts, null);
    }

    private static Path expand(String path, Path userHome) {
        if (path.equals("~") || path.startsWith("~/")) {
            return userHome.resolve(path.length() <= 2 ? "" : path.substring(2));
        }
        return Path.of(path);
    }

    private static String text(Object o) {
        if (o instanceof String s) {
            return s.isBlank() ? null : s.strip();
        }
        return o == null || o instanceof Map || o instanceof List ? null : String.valueOf(o);
    }
}
