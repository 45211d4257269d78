package dev.sky.provision.ssh;

import java.io.Closeable;
import java.nio.file.Path;

/**
 * Runs commands on one node and puts files there. The only way sky touches a node: the local cloud and real VMs
 * go through the same implementation ({@link NodeRunner}).
 *
 * <p>Commands run under {@code /bin/sh -c} semantics in the login user's home. Never put a secret in a command line or
 * rely on SSH environment requests: write the values with {@link #upload(byte[], String, int)} (mode 0600) and source
 * the file instead.
 */
public interface RemoteRunner extends Closeable {

    /** The node, as {@code user@host:port}, for messages. */
    String describe();

    /**
     * Runs a command, streaming its output to the sinks as it arrives.
     *
     * @param command the shell command
     * @param stdin what to send on standard input, or null for none (end of input is sent at once)
     * @param stdout receives standard output
     * @param stderr receives standard error
     * @return the command's exit code; 128 + n when it was killed by signal n
     * @throws NodeConnectionException when the node cannot be reached or the connection drops
     */
    int run(String command, StdinSource stdin, OutputSink stdout, OutputSink stderr);

    /** Runs a command with no input and returns its exit code, dropping its output. */
    default int run(String command) {
        return run(command, null, OutputSink.discard(), OutputSink.discard());
    }

    /**
     * Writes bytes to a file on the node, creating parent folders. The file never exists with a wider mode than
     * {@code mode}, not even for a moment, and replaces any old file atomically.
     *
     * @param content the bytes; they travel on standard input, never on the command line
     * @param remotePath absolute, relative to the home folder, or starting with {@code ~/}
     * @param mode POSIX permission bits, e.g. {@code 0600}
     */
    void upload(byte[] content, String remotePath, int mode);

    /** Like {@link #upload(byte[], String, int)}, streaming a local file. */
    void upload(Path localFile, String remotePath, int mode);

    /** Closes the connection, if one was opened. Idempotent. */
    @Override
    void close();
}
