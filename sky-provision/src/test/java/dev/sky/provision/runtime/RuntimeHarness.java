package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs the real runtime scripts with dash in temporary node homes. Worker nodes are reached through a
 * transport script that runs the command locally with HOME set to that worker's home (port 40000 + rank).
 * Every process carries a unique SKY_NODE_ID, which {@link #close()} uses to end whatever is left.
 */
final class RuntimeHarness implements AutoCloseable {
    static final int BASE_PORT = 40000;
    static final String SCALE = "0.01";

    final Path root;
    final String cluster;
    final RuntimeCommands commands;
    final String nodeId = "rt-test-" + UUID.randomUUID();
    final List<Path> homes = new ArrayList<>();

    record Result(int exit, String out, String err) {}

    RuntimeHarness(Path root, String cluster, int nodes, double cpus, double gpus) throws IOException {
        this.root = root;
        this.cluster = cluster;
        this.commands = new RuntimeCommands(cluster);
        Path transport = root.resolve("transport");
        Files.writeString(transport, "#!/bin/sh\n# test transport: ADDR PORT USER COMMAND\n"
                + "HOME=\"" + root + "/node$(($2 - " + BASE_PORT + "))\"\nexport HOME\nexec sh -c \"$4\"\n");
        Files.setPosixFilePermissions(transport, PosixFilePermissions.fromString("rwx------"));
        List<NodeAddress> addresses = new ArrayList<>();
        for (int r = 0; r < nodes; r++) {
            Path home = Files.createDirectories(root.resolve("node" + r));
            homes.add(home);
            addresses.add(new NodeAddress("127.0.0." + (r + 1), BASE_PORT + r, "sky"));
            Result install = run(r, NodeRuntime.installCommand(), NodeRuntime.installScript());
            assertThat(install.exit()).as("install: %s", install.err()).isZero();
        }
        for (int r = 0; r < nodes; r++) {
            RuntimeInit init = new RuntimeInit(cluster, r, "Local", "local", null, cpus, gpus, addresses,
                    null, null);
            String cmd = commands.init(init) + " --transport " + ShellQuote.quote(transport.toString());
            Result result = run(r, cmd, null);
            assertThat(result.exit()).as("init: %s", result.err()).isZero();
        }
    }

    Path home(int rank) {
        return homes.get(rank);
    }

    Path nodeDir(int rank) {
        return home(rank).resolve(".sky/clusters/" + cluster + "/node-" + rank);
    }

    Result run(int rank, String command, String stdin) {
        return run(rank, command, stdin, Map.of());
    }

    Result run(int rank, String command, String stdin, Map<String, String> extraEnv) {
        try {
            ProcessBuilder pb = new ProcessBuilder("dash", "-c", command);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("SKY"));
            env.put("HOME", home(rank).toString());
            env.put("SKY_TIME_SCALE", SCALE);
            env.put("SKY_NODE_ID", nodeId);
            env.putAll(extraEnv);
            Path out = Files.createTempFile(root, "out", ".txt");
            Path err = Files.createTempFile(root, "err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command did not end: " + command);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    Result head(String command) {
        return run(0, command, null);
    }

    long submit(JobSubmission job) {
        return submit(job, Map.of());
    }

    long submit(JobSubmission job, Map<String, String> extraEnv) {
        Result r = run(0, commands.submit(), job.script(cluster), extraEnv);
        assertThat(r.exit()).as("submit failed: %s", r.err()).isZero();
        return Long.parseLong(r.out().strip());
    }

    static JobSubmission job(String name, double cpus, int nodes, String setup, String run) {
        return new JobSubmission(new JobSpec(name, nodes, cpus, 0, true, "alice", "a1b2c3d4", null, null), null,
                null, setup, run);
    }

    JobStatus status(long id) {
        Result r = head(commands.status(id));
        assertThat(r.exit()).as("status: %s", r.err()).isZero();
        return JobStatus.parse(r.out());
    }

    List<JobRecord> queue() {
        Result r = head(commands.queue(false));
        assertThat(r.exit()).as("queue: %s", r.err()).isZero();
        return RuntimeOutputToRecords.queue(r.out());
    }

    String logs(long id) {
        Result r = head(commands.logs(id, false, 0));
        assertThat(r.exit()).as("logs: %s", r.err()).isZero();
        return r.out();
    }

    JobStatus awaitTerminal(long id) {
        return await(() -> status(id), JobStatus::isTerminal, "job " + id + " to end");
    }

    JobStatus awaitStatus(long id, JobStatus wanted) {
        return await(() -> status(id), s -> s == wanted || (s.isTerminal() && wanted != s),
                "job " + id + " to reach " + wanted);
    }

    /** Polls until the condition holds; the deadline only bounds a hung test, it is not what is tested. */
    static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }

    /** Pids of live processes whose command line contains the marker (zombies excluded). */
    static List<Long> processesWith(String marker) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = readCmdline(p.pid());
            if (cmd.contains(marker) && !isZombie(p.pid())) {
                pids.add(p.pid());
            }
        });
        return pids;
    }

    static String readCmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Ends every process this harness started, found by its SKY_NODE_ID, as the local cloud does. */
    @Override
    public void close() {
        for (int round = 0; round < 3; round++) {
            ProcessHandle.allProcesses().forEach(p -> {
                try {
                    byte[] env = Files.readAllBytes(Path.of("/proc/" + p.pid() + "/environ"));
                    if (new String(env, StandardCharsets.ISO_8859_1).contains("SKY_NODE_ID=" + nodeId + "\0")) {
                        p.destroyForcibly();
                    }
                } catch (IOException | RuntimeException e) {
                    // gone or not ours
                }
            });
        }
    }
}
