package dev.sky.cli.e2e;

import dev.sky.cli.testing.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A sky command running in the background: its output is readable while it runs, it can be sent SIGINT like a
 * Ctrl-C, and {@link #await} turns it into a {@link CommandResult}. Stdin is closed, so sky sees no terminal.
 */
final class Background {
    private final List<String> args;
    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outPump;
    private final Thread errPump;

    private Background(List<String> args, Process process) {
        this.args = args;
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    /**
     * Starts {@code launcher args} with exactly {@code env}. When this JVM ignores SIGINT (a background job of a
     * shell), the child would inherit that and no Ctrl-C test could work, so it is reset through perl first.
     */
    static Background start(Path launcher, List<String> args, Map<String, String> env, Path workDir) {
        List<String> cmd = new ArrayList<>();
        if (Procs.sigintIgnoredHere()) {
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"));
        }
        cmd.add(launcher.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new Background(List.copyOf(args), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String out() {
        return text(out);
    }

    String err() {
        return text(err);
    }

    /** Sends SIGINT, as a terminal's Ctrl-C does. */
    void interrupt() {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0 && process.isAlive()) {
                throw new AssertionError("kill -INT " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until stdout or stderr contains {@code text}; fails if the process ends first or the bound passes. */
    void awaitOutput(String text, Duration bound) {
        Poll.until("sky " + String.join(" ", args) + " to print '" + text + "'", bound, () -> {
            if (out().contains(text) || err().contains(text)) {
                return true;
            }
            if (!process.isAlive() && !outPump.isAlive() && !errPump.isAlive()) {
                throw new AssertionError("sky ended before printing '" + text + "'\n" + snapshot());
            }
            return false;
        });
    }

    /** Waits for the process to end; a run past {@code bound} is a hang: it is killed and the test fails. */
    CommandResult await(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sky " + String.join(" ", args) + " did not end within " + bound + "\n"
                        + snapshot());
            }
            outPump.join(10_000);
            errPump.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new CommandResult(args, process.exitValue(), out(), err());
    }

    /** For cleanup: ends the process if it still runs. */
    void kill() {
        process.destroyForcibly();
    }

    private String snapshot() {
        return "--- stdout so far\n" + out() + "--- stderr so far\n" + err();
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // The pipe closed with the process.
            }
        }, "sky-background-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
