package dev.sky.core.state.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a test main class in its own small JVM, on this test's class path, so it can be killed like a real sky. */
final class ChildJvm {
    private ChildJvm() {}

    /** How many writers and iterations a scenario runs: small under plain {@code mvn verify}, full under -Preliability. */
    static boolean full() {
        return "full".equals(System.getProperty("sky.reliability"));
    }

    /**
     * Starts {@code main} with stdout and stderr going to {@code output} (see {@link OutputTail} for why not a pipe).
     * Child JVMs are kept small: many run at once on a shared 2-core machine.
     */
    static Process start(Class<?> main, Path output, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-Xss512k",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** SIGKILL, then waits (bounded) until the process is gone. */
    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + p.pid() + " survived SIGKILL for 60 s");
        }
    }

    /** Sends a POSIX signal by name (STOP, CONT); Process has no API for anything but TERM and KILL. */
    static void signal(Process p, String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        if (!k.waitFor(30, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed");
        }
        if (name.equals("STOP")) {
            awaitStopped(p.pid());
        }
    }

    /**
     * kill returns once the signal is queued; a thread inside a system call (a WAL or checkpoint write) finishes it
     * before it stops. A copy taken in that window sees a half-done write, so wait until every thread reports the
     * stopped state (T) in /proc. Where there is no /proc, the signal alone has to do.
     */
    private static void awaitStopped(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean allStopped = true;
            try (var threads = java.nio.file.Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    String stat;
                    try {
                        stat = java.nio.file.Files.readString(t.resolve("stat"));
                    } catch (IOException gone) {
                        continue; // a thread that ended meanwhile
                    }
                    // The state is the first field after the parenthesised command name.
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    allStopped &= state == 'T' || state == 't';
                }
            }
            if (allStopped) {
                return;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("process " + pid + " did not stop within 30 s of SIGSTOP");
    }
}
