package dev.sky.core.state.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/** A running {@link CommitLoggerMain} and its output, read as it grows; every wait is bounded. */
final class Victim {
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private final Process process;
    private final OutputTail output;
    private final Deque<String> pending = new ArrayDeque<>();
    private long lastCommitted = -1;

    private Victim(Process process, OutputTail output) {
        this.process = process;
        this.output = output;
    }

    static Victim start(Path home, long firstSeq, String... extra) throws IOException {
        String[] args = new String[2 + extra.length];
        args[0] = home.toString();
        args[1] = Long.toString(firstSeq);
        System.arraycopy(extra, 0, args, 2, extra.length);
        Path out = Files.createTempFile(home.getParent(), "victim-", ".out");
        return new Victim(ChildJvm.start(CommitLoggerMain.class, out, args), new OutputTail(out));
    }

    Process process() {
        return process;
    }

    /** Waits for the line {@code expected}; fails with the output seen if the victim says something else or dies. */
    void await(String expected) throws InterruptedException {
        String line = next();
        if (!expected.equals(line)) {
            throw new AssertionError("victim " + process.pid() + ": expected '" + expected + "', got '" + line
                    + "'" + rest());
        }
    }

    /** Waits until the victim has reported {@code count} more commits. */
    void awaitCommits(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            take(next());
        }
    }

    /** SIGKILLs the victim and reads what it printed before dying: the last number it reported committed, or -1. */
    long killAndDrain() throws InterruptedException {
        ChildJvm.kill(process);
        for (String line = next(); line != null; line = next()) {
            if (!line.equals("opening") && !line.equals("open")) { // killed before or while opening
                take(line);
            }
        }
        return lastCommitted;
    }

    private void take(String line) {
        if (line == null || !line.chars().allMatch(Character::isDigit) || line.isEmpty()) {
            throw new AssertionError("victim " + process.pid() + ": expected a committed number, got '" + line
                    + "'" + rest());
        }
        lastCommitted = Long.parseLong(line);
    }

    /** The next complete line, or null once the victim is dead and everything it wrote is read. */
    private String next() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (pending.isEmpty()) {
            boolean dead = !process.isAlive();
            pending.addAll(output.newLines());
            if (pending.isEmpty() && dead) {
                return null;
            }
            if (pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("victim " + process.pid() + " said nothing for 5 minutes");
                }
                Thread.sleep(1);
            }
        }
        return pending.poll();
    }

    private String rest() {
        pending.addAll(output.newLines());
        return pending.isEmpty() ? "" : "\n" + String.join("\n", pending);
    }
}
