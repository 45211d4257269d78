package dev.sky.clouds.local.provision;

import dev.sky.clouds.local.provision.host.NodeHost;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the detached JVM that serves one local cluster's nodes: {@code NodeHostMain <local root> <cluster>}.
 * Runs until it is sent TERM (stop, terminate) or killed; see {@link NodeHost}.
 */
public final class NodeHostMain {
    private NodeHostMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: NodeHostMain <SKY_HOME/local> <cluster>");
        }
        NodeHost host = new NodeHost(new LocalLayout(Path.of(args[0])), args[1], System.getenv());
        try {
            host.start();
        } catch (Exception e) {
            // Close what did start, so that no server thread keeps this JVM alive; the launcher exits with 1.
            System.err.println("node host for cluster " + args[1] + " failed to start: " + e);
            host.shutdown();
            throw e;
        }
        System.err.println("node host for cluster " + args[1] + " serving (pid " + ProcessHandle.current().pid() + ")");
        new CountDownLatch(1).await();
    }
}
