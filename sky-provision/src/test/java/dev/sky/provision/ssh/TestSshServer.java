package dev.sky.provision.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server on 127.0.0.1 (Apache MINA sshd) whose exec channels run {@code /bin/sh -c <command>} with HOME
 * and the working folder set to a given folder: a node, as far as the client can tell.
 */
public final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final Path home;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionsOpened = new AtomicInteger();

    private TestSshServer(Path home, PublicKey authorizedUserKey, KeyPair hostKey, Consumer<SshServer> customize)
            throws IOException {
        this.home = home;
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorizedUserKey));
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShellCommand(command, home);
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsOpened.incrementAndGet();
            }
        });
        customize.accept(server);
        server.start();
    }

    /** Starts a server for the given home folder that lets in only the holder of {@code authorizedUserKey}. */
    public static TestSshServer start(Path home, PublicKey authorizedUserKey) throws IOException {
        return new TestSshServer(home, authorizedUserKey, TestKeys.newEcKeyPair(), s -> {});
    }

    /** Like {@link #start(Path, PublicKey)}, presenting the given host key. */
    public static TestSshServer start(Path home, PublicKey authorizedUserKey, KeyPair hostKey) throws IOException {
        return new TestSshServer(home, authorizedUserKey, hostKey, s -> {});
    }

    /** Like {@link #start(Path, PublicKey)}, with server settings changed before it starts (algorithms, say). */
    public static TestSshServer start(Path home, PublicKey authorizedUserKey, Consumer<SshServer> customize) throws IOException {
        return new TestSshServer(home, authorizedUserKey, TestKeys.newEcKeyPair(), customize);
    }

    public int port() {
        return server.getPort();
    }

    public Path home() {
        return home;
    }

    /** The host public key as an OpenSSH line, for pinning. */
    public String hostKeyLine() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** SSH connections accepted so far. */
    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    public SshTarget target(String user, Path privateKey) {
        return new SshTarget("127.0.0.1", port(), user, privateKey, new HostKeyPin.PublicKey(hostKeyLine()));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Runs one exec request under /bin/sh, copying the three streams both ways. */
    private static final class ShellCommand implements Command {
        private final String command;
        private final Path home;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShellCommand(String command, Path home) {
            this.command = command;
            this.home = home;
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
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(home.toFile());
            pb.environment().put("HOME", home.toString());
            process = pb.start();
            Thread stdin = copier(in, process.getOutputStream(), true);
            Thread stdout = copier(process.getInputStream(), out, false);
            Thread stderr = copier(process.getErrorStream(), err, false);
            Thread waiter = new Thread(() -> {
                try {
                    int code = process.waitFor();
                    stdout.join();
                    stderr.join();
                    stdin.interrupt();
                    exit.onExit(code);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-sshd-wait");
            waiter.setDaemon(true);
            waiter.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.destroyForcibly();
            }
        }

        private static Thread copier(InputStream from, OutputStream to, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[32 * 1024];
                try {
                    int n;
                    while ((n = from.read(buf)) >= 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // The process or the channel went away; the exit status tells the client.
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // Nothing to do.
                        }
                    }
                }
            }, "test-sshd-copy");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
