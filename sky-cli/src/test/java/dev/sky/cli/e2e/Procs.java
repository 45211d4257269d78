package dev.sky.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads this machine's processes from {@code /proc}, independently of the product: the e2e tests use it to prove
 * that nothing a node started outlives what should have ended it. Processes of other users (unreadable) and this
 * JVM are skipped.
 */
final class Procs {
    private static final Path PROC = Path.of("/proc");

    private Procs() {}

    /**
     * One live process.
     *
     * @param pid the process id
     * @param cmdline its arguments joined with spaces
     * @param environ its environment, one {@code NAME=value} entry per element
     */
    record Proc(long pid, String cmdline, List<String> environ) {
        boolean envHas(String entry) {
            return environ.contains(entry);
        }

        boolean envHasPrefix(String prefix) {
            return environ.stream().anyMatch(e -> e.startsWith(prefix));
        }

        /** Whether {@code text} occurs in the command line or anywhere in the environment. */
        boolean mentions(String text) {
            return cmdline.contains(text) || environ.stream().anyMatch(e -> e.contains(text));
        }

        @Override
        public String toString() {
            return pid + " " + cmdline;
        }
    }

    /** Whether this machine has a readable /proc (the e2e suite needs one). */
    static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    static List<Proc> matching(Predicate<Proc> filter) {
        long self = ProcessHandle.current().pid();
        List<Proc> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                byte[] env = read(dir.resolve("environ"));
                byte[] cmd = read(dir.resolve("cmdline"));
                if (env == null || cmd == null) {
                    continue; // gone, a kernel thread, or another user's process
                }
                Proc p = new Proc(pid, String.join(" ", split(cmd)), split(env));
                if (filter.test(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return out;
    }

    /** SIGKILL to each; for cleanup only. */
    static void killAll(List<Proc> procs) {
        procs.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** {@code ps -eo args}: what anyone on this machine can see of every process's command line. */
    static String psArgs() {
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
            ps.getOutputStream().close();
            String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ps.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether this JVM ignores SIGINT, which its children would inherit (a shell's background job does). */
    static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("self").resolve("status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2L) != 0;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= nulSeparated.length; i++) {
            if (i == nulSeparated.length || nulSeparated[i] == 0) {
                if (i > start) {
                    parts.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** Sends a signal (e.g. "STOP", "CONT", "KILL") with kill(1). */
    static void signal(long pid, String sig) throws Exception {
        org.assertj.core.api.Assertions.assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start()
                .waitFor()).as("kill -%s %d", sig, pid).isZero();
    }
}
