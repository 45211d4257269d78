package dev.sky.clouds.local.provision.host;

import dev.sky.clouds.local.provision.LocalNodePaths;
import dev.sky.clouds.local.provision.NodeProcesses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node's SSH server needs to run commands as the node: who it is and the environment every process gets.
 *
 * @param cluster cluster name
 * @param rank node rank
 * @param home the node's home folder (HOME for everything it runs)
 * @param user the login user
 * @param hostEnv the host's environment, from which PATH, LANG and the pass-through variables are taken
 */
public record NodeContext(String cluster, int rank, Path home, String user, Map<String, String> hostEnv) {
    /** Variables the runtime and tests rely on, passed from the host when set. */
    static final String[] PASS_THROUGH = {"SKY_TIME_SCALE", "SKY_FAULT", "TZ", "JAVA_HOME"};
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public NodeContext {
        hostEnv = Map.copyOf(hostEnv);
    }

    public String nodeId() {
        return cluster + "/" + rank;
    }

    public NodeProcesses.Marks marks() {
        return new NodeProcesses.Marks(nodeId(), home.toString());
    }

    /**
     * The whole environment of a process the node starts: built from scratch, never the host's or the client's,
     * except LANG and LC_* that an SSH client asked for (as OpenSSH accepts by default).
     */
    public Map<String, String> processEnv(Map<String, String> clientEnv, String shell) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("PATH", hostEnv.getOrDefault("PATH", DEFAULT_PATH));
        env.put("SHELL", shell);
        env.put("LANG", hostEnv.getOrDefault("LANG", "C.UTF-8"));
        for (String name : PASS_THROUGH) {
            String v = hostEnv.get(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        clientEnv.forEach((k, v) -> {
            if (k.equals("LANG") || k.startsWith("LC_")) {
                env.put(k, v);
            } else if (k.equals("TERM")) {
                env.put(k, v);
            }
        });
        env.put("SKY_LOCAL_ROOT", home.resolve(LocalNodePaths.ROOT_DIR).toString());
        env.put(NodeProcesses.NODE_ID_VAR, nodeId());
        env.put(NodeProcesses.NODE_HOME_VAR, home.toString());
        return env;
    }
}
