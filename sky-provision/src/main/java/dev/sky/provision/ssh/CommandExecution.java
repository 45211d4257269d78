package dev.sky.provision.ssh;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One exec channel: pumps stdout on the calling thread and stderr on another, writes stdin on a third, and waits for
 * the exit status. Both output streams are drained at once, or a chatty stderr would stall stdout on the SSH window.
 */
final class CommandExecution {
    private static final int CHUNK = 32 * 1024;

    private final Session.Command command;
    private final String node;

    CommandExecution(Session.Command command, String node) {
        this.command = command;
        this.node = node;
    }

    int await(StdinSource stdin, OutputSink stdout, OutputSink stderr) {
        StdinWriter writer = new StdinWriter(stdin);
        Thread stdinThread = null;
        if (stdin == null) {
            closeQuietly(command.getOutputStream());
        } else {
            stdinThread = daemon(writer, "sky-ssh-stdin");
        }
        Pump errPump = new Pump(command.getErrorStream(), stderr);
        Thread errThread = daemon(errPump, "sky-ssh-stderr");
        Pump outPump = new Pump(command.getInputStream(), stdout);
        outPump.run();
        join(errThread);
        try {
            command.join();
        } catch (IOException e) {
            throw lost(e);
        }
        if (stdinThread != null) {
            // The channel is closed: a writer still blocked on the window gets an error and ends.
            try {
                stdinThread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stdinThread.interrupt();
        }
        if (outPump.failure != null) {
            throw outPump.sinkFailed ? sinkFailure(outPump.failure) : lost(outPump.failure);
        }
        if (errPump.failure != null) {
            throw errPump.sinkFailed ? sinkFailure(errPump.failure) : lost(errPump.failure);
        }
        if (writer.localFailure != null) {
            throw new SkyException(ExitCode.GENERIC, "Could not read the input for a command on " + node + ": "
                    + writer.localFailure.getMessage(), writer.localFailure);
        }
        return exitCode();
    }

    private int exitCode() {
        Integer status = command.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = command.getExitSignal();
        if (signal != null) {
            return 128 + signalNumber(signal);
        }
        throw new NodeConnectionException("The connection to " + node
                + " closed before the command reported an exit status; it may have run partially", false, null);
    }

    static int signalNumber(Signal signal) {
        switch (signal) {
            case HUP: return 1;
            case INT: return 2;
            case QUIT: return 3;
            case ILL: return 4;
            case ABRT: return 6;
            case FPE: return 8;
            case KILL: return 9;
            case USR1: return 10;
            case SEGV: return 11;
            case USR2: return 12;
            case PIPE: return 13;
            case ALRM: return 14;
            case TERM: return 15;
            default: return 0;
        }
    }

    private NodeConnectionException lost(IOException e) {
        return new NodeConnectionException("Lost the connection to " + node
                + " while a command was running (not retried: it may have run partially): " + e.getMessage(), false, e);
    }

    private SkyException sinkFailure(IOException e) {
        return new SkyException(ExitCode.GENERIC, "Could not write the output of a command on " + node + ": " + e.getMessage(), e);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // The command may already have ended; its exit status tells what happened.
        }
    }

    /** Copies one output stream of the channel into a sink until end of stream. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final OutputSink sink;
        private volatile IOException failure;
        private volatile boolean sinkFailed;

        Pump(InputStream in, OutputSink sink) {
            this.in = in;
            this.sink = sink;
        }

        @Override
        public void run() {
            byte[] buf = new byte[CHUNK];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        deliver(buf, n);
                    }
                }
                sinkFailed = true;
                sink.finish();
                sinkFailed = false;
            } catch (IOException e) {
                failure = e;
            }
        }

        private void deliver(byte[] buf, int n) throws IOException {
            sinkFailed = true;
            sink.accept(buf, 0, n);
            sinkFailed = false;
        }
    }

    /**
     * Runs the stdin source and sends end of input. A write refused by the channel means the command stopped reading
     * (its exit status says why); any other failure is local and is reported.
     */
    private final class StdinWriter implements Runnable {
        private final StdinSource source;
        private volatile IOException localFailure;
        private volatile boolean channelFailed;

        StdinWriter(StdinSource source) {
            this.source = source;
        }

        @Override
        public void run() {
            OutputStream channel = command.getOutputStream();
            OutputStream guarded = new FilterOutputStream(channel) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        channelFailed = true;
                        throw e;
                    }
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void flush() throws IOException {
                    try {
                        out.flush();
                    } catch (IOException e) {
                        channelFailed = true;
                        throw e;
                    }
                }

                @Override
                public void close() {
                    // End of input is sent once, below.
                }
            };
            try {
                source.writeTo(guarded);
                guarded.flush();
            } catch (IOException e) {
                if (!channelFailed) {
                    localFailure = e;
                }
            } finally {
                closeQuietly(channel);
            }
        }
    }
}
