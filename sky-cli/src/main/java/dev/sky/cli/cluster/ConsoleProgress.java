package dev.sky.cli.cluster;

import dev.sky.provision.cluster.LaunchProgress;
import java.io.PrintWriter;

/**
 * Stage lines on stderr. On a terminal the current stage is one line that updates with its elapsed seconds; otherwise
 * each stage is one plain line, and its end another, so CI logs read top to bottom.
 */
public final class ConsoleProgress implements LaunchProgress {
    private final PrintWriter err;
    private final boolean tty;
    private String stage;
    private String detail = "";
    private long started;
    private Thread ticker;

    public ConsoleProgress(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public synchronized void stage(String description) {
        stageDone();
        stage = description;
        detail = "";
        started = System.nanoTime();
        if (tty) {
            draw();
            ticker = new Thread(this::tick, "sky-progress");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            err.println("⚙ " + description + "...");
            err.flush();
        }
    }

    @Override
    public synchronized void detail(String text) {
        detail = text;
        if (tty) {
            draw();
        }
    }

    @Override
    public synchronized void stageDone() {
        if (stage == null) {
            return;
        }
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
        }
        String line = "✓ " + stage + (detail.isEmpty() ? "" : ": " + detail) + " (" + seconds() + " s)";
        if (tty) {
            err.print("\r\033[2K" + line + "\n");
        } else {
            err.println(line);
        }
        err.flush();
        stage = null;
    }

    @Override
    public synchronized void info(String line) {
        if (tty && stage != null) {
            err.print("\r\033[2K");
        }
        err.println(line);
        if (tty && stage != null) {
            draw();
        }
        err.flush();
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                synchronized (this) {
                    if (stage != null) {
                        draw();
                    }
                }
            }
        } catch (InterruptedException ignored) {
            // The stage ended.
        }
    }

    private void draw() {
        err.print("\r\033[2K⚙ " + stage + (detail.isEmpty() ? "" : ": " + detail) + " (" + seconds() + " s)");
        err.flush();
    }

    private long seconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }
}
