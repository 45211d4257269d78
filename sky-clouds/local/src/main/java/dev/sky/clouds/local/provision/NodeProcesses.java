package dev.sky.clouds.local.provision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and ends every process a local node started. Each one carries the node's marks in its environment
 * ({@code SKY_NODE_ID=<cluster>/<rank>} and {@code SKY_NODE_HOME=<node home>}), which survive {@code setsid} and
 * double forks; both must match, so that two SKY_HOMEs with a cluster of the same name never touch each other.
 * Linux reads {@code /proc/<pid>/environ}; elsewhere {@code ps eww}.
 */
public final class NodeProcesses {
    /** The environment variable naming the node, as {@code <cluster>/<rank>}. */
    public static final String NODE_ID_VAR = "SKY_NODE_ID";
    /** The environment variable holding the node's home, the second mark. */
    public static final String NODE_HOME_VAR = "SKY_NODE_HOME";

    private static final Path PROC = Path.of("/proc");

    private NodeProcesses() {}

    /** One node's marks. */
    public record Marks(String nodeId, String nodeHome) {
        String idEntry() {
            return NODE_ID_VAR + "=" + nodeId;
        }

        String homeEntry() {
            return NODE_HOME_VAR + "=" + nodeHome;
        }
    }

    /** Pids of live processes that carry the node's marks, this JVM excluded. */
    public static List<Long> find(Marks marks) {
        return findByEnv(List.of(marks.idEntry(), marks.homeEntry()));
    }

    /** Pids of live processes whose environment holds every one of {@code entries} ({@code NAME=value}). */
    public static List<Long> findByEnv(List<String> entries) {
        return Files.isDirectory(PROC.resolve("self")) ? findInProc(entries) : findWithPs(entries);
    }

    /**
     * Ends every marked process: TERM, up to {@code grace} for them to exit, then KILL, repeated while new ones
     * appear (a shell loop forks while it dies).
     *
     * @return whether none is left
     */
    public static boolean killAll(Marks marks, Duration grace) {
        List<Long> pids = find(marks);
        if (pids.isEmpty()) {
            return true;
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && !find(marks).isEmpty()) {
            pause(20);
        }
        for (int round = 0; round < 50; round++) {
            pids = find(marks);
            if (pids.isEmpty()) {
                return true;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            pause(20);
        }
        return find(marks).isEmpty();
    }

    private static List<Long> findInProc(List<String> entries) {
        List<byte[]> wanted = entries.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
        long self = ProcessHandle.current().pid();
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                byte[] env = readEnviron(dir.resolve("environ"));
                if (env != null && wanted.stream().allMatch(w -> hasEntry(env, w))) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc", e);
        }
        return out;
    }

    private static byte[] readEnviron(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return null; // gone, or another user's process
        }
    }

    /** Whether the NUL-separated environment holds exactly {@code entry}. */
    static boolean hasEntry(byte[] env, byte[] entry) {
        int start = 0;
        while (start < env.length) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - start == entry.length && java.util.Arrays.equals(env, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static List<Long> findWithPs(List<String> entries) {
        List<Long> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try {
            Process ps = new ProcessBuilder("ps", "eww", "-A", "-o", "pid=,command=")
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(ps.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String padded = " " + line.strip() + " ";
                    if (entries.stream().allMatch(e -> padded.contains(" " + e + " "))) {
                        parsePid(line).filter(pid -> pid != self).ifPresent(out::add);
                    }
                }
            }
            ps.waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot run ps", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static Optional<Long> parsePid(String line) {
        String s = line.strip();
        int sp = s.indexOf(' ');
        try {
            return Optional.of(Long.parseLong(sp < 0 ? s : s.substring(0, sp)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
