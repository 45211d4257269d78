package dev.sky.clouds.ssh.pools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One host of a pool with everything needed to log in resolved: the pools file first, then {@code ~/.ssh/config},
 * then the defaults (the current user, port 22, the first of {@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 * {@code id_rsa}).
 *
 * @param pool the pool name
 * @param key the host's key in the state DB: the name as listed, and the port when it is not 22
 * @param address the address to connect to
 * @param port the SSH port
 * @param user the login user
 * @param identityFile the private key to log in with, or null when none was found
 */
public record PoolHost(String pool, String key, String address, int port, String user, String identityFile) {

    /** {@code user@address:port}, for messages. */
    public String display() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }

    /** The login details, kept with the host's facts so that a cluster can be torn down after the file changed. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        m.put("port", port);
        m.put("user", user);
        m.put("identity_file", identityFile);
        return m;
    }

    public static PoolHost fromMap(String pool, String key, Map<String, Object> m) {
        Object port = m.get("port");
        return new PoolHost(pool, key, String.valueOf(m.get("address")),
                port instanceof Number n ? n.intValue() : 22, String.valueOf(m.get("user")),
                m.get("identity_file") == null ? null : String.valueOf(m.get("identity_file")));
    }
}
