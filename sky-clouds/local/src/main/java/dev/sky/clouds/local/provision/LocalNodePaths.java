package dev.sky.clouds.local.provision;

import java.nio.file.Path;

/**
 * Where file-mount destinations land on a local node. Local nodes share the machine's file system, so an absolute
 * destination must not write to the real {@code /}: it moves under the node's home, into {@code ~/sky_root}.
 * <ul>
 *   <li>{@code /data/x} becomes {@code ~/sky_root/data/x};</li>
 *   <li>{@code ~/x} and relative {@code x} stay as they are (they are already in the node's home).</li>
 * </ul>
 * Processes on the node see the folder as {@code $SKY_LOCAL_ROOT}.
 */
public final class LocalNodePaths {
    /** The folder under a node's home that stands for {@code /}. */
    public static final String ROOT_DIR = "sky_root";

    private LocalNodePaths() {}

    /** The destination as the node's shell should use it: {@code ~/sky_root/...} for an absolute path. */
    public static String nodePath(String destination) {
        if (destination.startsWith("/")) {
            String rest = destination.replaceAll("^/+", "");
            return rest.isEmpty() ? "~/" + ROOT_DIR : "~/" + ROOT_DIR + "/" + rest;
        }
        return destination;
    }

    /** The destination as a path on this machine, for the node whose home is {@code nodeHome}. */
    public static Path hostPath(Path nodeHome, String destination) {
        String p = nodePath(destination);
        if (p.equals("~")) {
            return nodeHome;
        }
        if (p.startsWith("~/")) {
            return nodeHome.resolve(p.substring(2)).normalize();
        }
        return nodeHome.resolve(p).normalize();
    }
}
