package dev.sky.clouds.local.provision.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An exec or shell request run as a real process of the node: {@code /bin/sh -c <command>} (or an interactive shell)
 * in the node's home with the node's clean environment. Output is streamed as it comes; the exit status is the
 * process's. When the client goes away early, the process and its children are ended.
 */
final class NodeProcessCommand implements Command {
    private final NodeContext node;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /** @param command the exec command line, or null for an interactive shell */
    NodeProcessCommand(NodeContext node, String command) {
        this.node = node;
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        boolean pty = !env.getPtyModes().isEmpty();
        String shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
        ProcessBuilder pb = new ProcessBuilder(argv(pty, shell)).directory(node.home().toFile());
        Map<String, String> penv = pb.environment();
        penv.clear();
        penv.putAll(node.processEnv(env.getEnv(), command == null ? shell : "/bin/sh"));
        Process p = pb.start();
        process = p;
        env.addSignalListener((ch, signal) -> forward(signal));
        Thread stdout = pump(p.getInputStream(), out, "stdout");
        Thread stderr = pump(p.getErrorStream(), err, "stderr");
        Thread stdin = new Thread(() -> copyStdin(p), "node-" + node.nodeId() + "-stdin");
        stdin.setDaemon(true);
        stdin.start();
        Thread waiter = new Thread(() -> {
            int code = waitFor(p);
            join(stdout);
            join(stderr);
            exit.onExit(code);
        }, "node-" + node.nodeId() + "-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private List<String> argv(boolean pty, String shell) {
        if (command != null) {
            return List.of("/bin/sh", "-c", command);
        }
        if (pty && Files.isExecutable(Path.of("/usr/bin/script")) && Files.isDirectory(Path.of("/proc/self"))) {
            // util-linux script gives the interactive shell a real terminal.
            return List.of("/usr/bin/script", "-q", "-f", "-e", "-c", shell + " -i", "/dev/null");
        }
        return List.of(shell, "-i");
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            endTree(p);
        }
    }

    /** TERM to the process and its descendants, then KILL to whatever is left after a short grace. */
    private static void endTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        p.descendants().forEach(tree::add);
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Thread killer = new Thread(() -> {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }, "node-kill");
        killer.setDaemon(true);
        killer.start();
    }

    private void forward(Signal signal) {
        Process p = process;
        if (p == null) {
            return;
        }
        if (signal == Signal.KILL) {
            p.destroyForcibly();
        } else if (signal == Signal.TERM || signal == Signal.INT || signal == Signal.HUP) {
            p.destroy();
        }
    }

    private void copyStdin(Process p) {
        byte[] buf = new byte[32 * 1024];
        try (OutputStream to = p.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // The process closed its stdin or the channel closed: nothing more to send.
        }
    }

    private Thread pump(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32 * 1024];
            try (from) {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The client went away; the process is ended by destroy().
            }
        }, "node-" + node.nodeId() + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int waitFor(Process p) {
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 255;
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
