package dev.sky.clouds.ssh.pools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns the hosts of a {@link NodePool} into {@link PoolHost}s, applying {@code ~/.ssh/config} and the defaults. */
public final class PoolHosts {
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private PoolHosts() {}

    /**
     * @param currentUser the user to log in as when neither the pools file nor ~/.ssh/config names one
     */
    public static List<PoolHost> resolve(NodePool pool, Path userHome, String currentUser) {
        SshConfigAliases aliases = SshConfigAliases.read(userHome);
        List<PoolHost> out = new ArrayList<>();
        for (NodePool.Host h : pool.hosts()) {
            SshConfigAliases.Entry e = aliases.lookup(h.address());
            String address = e.hostName() != null ? e.hostName() : h.address();
            int port = h.port() != 22 ? h.port() : e.port() != 0 ? e.port() : 22;
            String user = h.user() != null ? h.user() : e.user() != null ? e.user() : currentUser;
            String identity = h.identityFile() != null ? h.identityFile() : e.identityFile() != null
                    ? e.identityFile() : defaultKey(userHome);
            String key = h.address() + (port == 22 ? "" : ":" + port);
            out.add(new PoolHost(pool.name(), key, address, port, user, identity));
        }
        return out;
    }

    private static String defaultKey(Path userHome) {
        for (String k : DEFAULT_KEYS) {
            Path p = userHome.resolve(".ssh").resolve(k);
            if (Files.isRegularFile(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
