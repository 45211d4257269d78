package dev.sky.core.state.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A running {@link CommitLoggerMain}: its stdout read on a thread, so waits are bounded and nothing blocks it. */
final class Victim {
    private static final String EOF = "\u0000eof";
    private static final long WAIT_MINUTES = 5;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private long lastCommitted = -1;

    private Victim(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "victim-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static Victim start(Path home, long firstSeq, String... extra) throws IOException {
        String[] args = new String[2 + extra.length];
        args[0] = home.toString();
        args[1] = Long.toString(firstSeq);
        System.arraycopy(extra, 0, args, 2, extra.length);
        return new Victim(ChildJvm.start(CommitLoggerMain.class, args));
    }

    Process process() {
        return process;
    }

    /** Waits (bounded) for the line {@code expected}; fails with the output seen if the victim says something else. */
    void await(String expected) throws InterruptedException {
        String line = next();
        if (!expected.equals(line)) {
            throw new AssertionError("victim " + process.pid() + ": expected '" + expected + "', got '" + line
                    + "'" + rest());
        }
    }

    /** Waits (bounded) until the victim has reported {@code count} more commits. */
    void awaitCommits(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            take(next());
        }
    }

    /** SIGKILLs the victim and reads what it printed before dying: the last number it reported committed, or -1. */
    long killAndDrain() throws InterruptedException {
        ChildJvm.kill(process);
        return drain();
    }

    /** After the victim is dead or stopped-then-killed: reads the rest of its output up to EOF. */
    long drain() throws InterruptedException {
        for (String line = next(); !line.equals(EOF); line = next()) {
            if (!line.equals("opening") && !line.equals("open")) { // killed before or while opening
                take(line);
            }
        }
        return lastCommitted;
    }

    private void take(String line) {
        if (line.equals(EOF) || !line.chars().allMatch(Character::isDigit)) {
            throw new AssertionError("victim " + process.pid() + ": expected a committed number, got '" + line
                    + "'" + rest());
        }
        lastCommitted = Long.parseLong(line);
    }

    private String next() throws InterruptedException {
        String line = lines.poll(WAIT_MINUTES, TimeUnit.MINUTES);
        if (line == null) {
            throw new AssertionError("victim " + process.pid() + " said nothing for " + WAIT_MINUTES + " minutes");
        }
        return line;
    }

    private String rest() {
        StringBuilder b = new StringBuilder();
        for (String l = lines.poll(); l != null && b.length() < 4000; l = lines.poll()) {
            b.append('\n').append(l);
        }
        return b.toString();
    }

    private void read() {
        try (BufferedReader r = ChildJvm.stdout(process)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e.getMessage());
        } finally {
            lines.add(EOF);
        }
    }
}
