package dev.sky.provision.ssh;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The sshj {@link RemoteRunner}: one SSH connection per node, opened on first use and shared by every command and
 * upload (each gets its own channel, and channels may run at once from several threads). Connecting retries only
 * connection and transport errors; a command that has started is never retried.
 */
public final class NodeRunner implements RemoteRunner {
    private final SshTarget target;
    private final SshOptions options;
    private SSHClient client;
    private boolean closed;

    public NodeRunner(SshTarget target, SshOptions options) {
        this.target = target;
        this.options = options;
    }

    public NodeRunner(SshTarget target) {
        this(target, SshOptions.defaults());
    }

    public SshTarget target() {
        return target;
    }

    @Override
    public String describe() {
        return target.display();
    }

    /** Connects now (if not yet connected), so a caller can tell "unreachable" apart from a failing command. */
    public void connect() {
        connection();
    }

    @Override
    public int run(String command, StdinSource stdin, OutputSink stdout, OutputSink stderr) {
        Session session = openSession();
        try {
            Session.Command cmd;
            try {
                cmd = session.exec(command);
            } catch (IOException e) {
                throw new NodeConnectionException("Could not start a command on " + describe() + ": " + e.getMessage(), false, e);
            }
            return new CommandExecution(cmd, describe()).await(stdin, stdout, stderr);
        } finally {
            try {
                session.close();
            } catch (IOException ignored) {
                // Already closed by the node; the exit status was read.
            }
        }
    }

    @Override
    public void upload(byte[] content, String remotePath, int mode) {
        upload(StdinSource.of(content), remotePath, mode);
    }

    @Override
    public void upload(Path localFile, String remotePath, int mode) {
        if (!Files.isRegularFile(localFile)) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Not a file: " + localFile);
        }
        upload(StdinSource.ofFile(localFile), remotePath, mode);
    }

    private void upload(StdinSource content, String remotePath, int mode) {
        // umask 077 and a temporary name: the file is never readable by others, and readers never see half of it.
        String script = "p=" + Shell.path(remotePath) + "; umask 077; t=\"$p.sky-tmp.$$\"; "
                + "mkdir -p -- \"$(dirname -- \"$p\")\" && cat > \"$t\" && chmod " + Integer.toOctalString(mode & 07777)
                + " \"$t\" && mv -f -- \"$t\" \"$p\" || { rm -f -- \"$t\"; exit 1; }";
        CapturedOutput err = new CapturedOutput();
        int code = run(script, content, OutputSink.discard(), err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Could not write " + remotePath + " on " + describe() + " (exit "
                    + code + "): " + err.text().strip());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }

    private Session openSession() {
        SSHClient c = connection();
        try {
            return c.startSession();
        } catch (IOException first) {
            if (c.isConnected() && c.isAuthenticated()) {
                // The connection is fine, the node refused one more channel (OpenSSH allows MaxSessions=10 at once):
                // reconnecting would cut the channels still running.
                throw new NodeConnectionException("The node " + describe() + " refused a new channel on its connection: "
                        + first.getMessage() + " (not retryable; too many commands at once?)", false, first);
            }
            // The shared connection died between commands: reconnect once, the command has not started.
            synchronized (this) {
                if (client == c) {
                    disconnect();
                }
            }
            try {
                return connection().startSession();
            } catch (IOException e) {
                throw new NodeConnectionException("Could not open a channel to " + describe() + ": " + e.getMessage(), true, e);
            }
        }
    }

    private synchronized SSHClient connection() {
        if (closed) {
            throw new IllegalStateException("NodeRunner for " + describe() + " is closed");
        }
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return client;
        }
        disconnect();
        client = connectWithRetry();
        return client;
    }

    private SSHClient connectWithRetry() {
        KeyProvider key = loadKey();
        ConnectFailures.Failure last = null;
        IOException lastError = null;
        for (int attempt = 1; attempt <= options.connectAttempts(); attempt++) {
            PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(target.hostKey());
            SSHClient c = new SSHClient(SharedConfig.INSTANCE);
            try {
                connectOnce(c, verifier, key);
                return c;
            } catch (IOException e) {
                closeQuietly(c);
                last = ConnectFailures.classify(e, verifier, target);
                lastError = e;
                if (!last.retryable()) {
                    throw new NodeConnectionException("Cannot connect to " + describe() + ": " + last.reason()
                            + " (not retryable)", false, e);
                }
                if (attempt < options.connectAttempts()) {
                    pause(attempt);
                }
            }
        }
        throw new NodeConnectionException("Cannot connect to " + describe() + " after " + options.connectAttempts()
                + " attempt(s): " + last.reason(), true, lastError);
    }

    private void connectOnce(SSHClient c, PinnedHostKeyVerifier verifier, KeyProvider key) throws IOException {
        c.addHostKeyVerifier(verifier);
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
        long keepAlive = options.keepAliveInterval().toSeconds();
        c.connect(target.host(), target.port());
        if (keepAlive > 0) {
            c.getConnection().getKeepAlive().setKeepAliveInterval((int) keepAlive);
        }
        c.authPublickey(target.user(), key);
    }

    /** Reads the private key before connecting, so an unreadable key is not mistaken for the node refusing it. */
    private KeyProvider loadKey() {
        Path file = target.privateKey();
        try {
            KeyProvider key = SharedConfig.KEY_LOADER.loadKeys(file.toString());
            key.getPublic();
            return key;
        } catch (IOException | RuntimeException e) {
            throw new NodeConnectionException("Cannot read the private key " + file + " for " + describe() + ": "
                    + e.getMessage() + " (not retryable)", false, e);
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(TimeScale.scale(options.retryBackoff().multipliedBy(attempt)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeConnectionException("Interrupted while connecting to " + describe(), false, e);
        }
    }

    private void disconnect() {
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    private static void closeQuietly(SSHClient c) {
        try {
            c.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Closing a broken connection; nothing to report.
        }
    }

    /** sshj's algorithm tables are costly to build; every connection of this process shares one. */
    private static final class SharedConfig {
        static final Config INSTANCE = SshAlgorithms.config();
        /** Only its key-file parsing is used; it never connects. */
        static final SSHClient KEY_LOADER = new SSHClient(INSTANCE);
    }
}
