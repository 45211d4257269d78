package dev.sky.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CatalogOracle;
import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.cli.testing.SkyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One isolated sky installation for the local-cloud end-to-end tests: the packaged {@code bin/sky} with its own
 * SKY_HOME and HOME under a temp folder and a small {@code SKY_TIME_SCALE}. It reads what sky made (state.db, node
 * folders, processes) on its own, and {@link #close()} always leaves no process behind: {@code sky down -y -a}, then
 * SIGKILL to anything that still refers to this SKY_HOME.
 */
final class LocalSky implements AutoCloseable {
    /** Scales every runtime wait (autostop minutes, polls, grace periods): 1 minute becomes 1.2 s. */
    static final String TIME_SCALE = "0.02";
    /** Bound for one launch; far above what a launch takes, it only stops a hang. */
    static final Duration LAUNCH_BOUND = Duration.ofMinutes(5);
    static final Duration WAIT_BOUND = Duration.ofMinutes(2);

    private final Path dir;
    private final Path skyHome;
    private final Path home;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private final List<Background> started = new ArrayList<>();

    /** Installations not closed yet: a test JVM ended by SIGTERM (a cancelled build) still cleans them up. */
    private static final Set<LocalSky> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(LocalSky::close),
                "e2e-cleanup"));
    }

    LocalSky(Path dir) {
        this.dir = dir;
        this.skyHome = dir.resolve("sky-home");
        this.home = dir.resolve("home");
        try {
            Files.createDirectories(home);
            Files.createDirectories(dir.resolve("tasks"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        extraEnv.put("SKY_TIME_SCALE", TIME_SCALE);
        OPEN.add(this);
    }

    Path skyHome() {
        return skyHome;
    }

    /** The HOME sky runs with (its ~/.ssh/config, keys, ...). */
    Path home() {
        return home;
    }

    /** Sets a variable for every later command of this installation. */
    LocalSky env(String key, String value) {
        extraEnv.put(key, value);
        return this;
    }

    /** Runs sky to the end with the installation's environment plus {@code env} (e.g. SKY_FAULT). */
    CommandResult run(Map<String, String> env, String... args) {
        SkyProcess p = new SkyProcess(SkyProcess.distribution().resolve("bin").resolve("sky"), skyHome, home);
        extraEnv.forEach(p::env);
        env.forEach(p::env);
        return p.workDir(dir).run(args);
    }

    CommandResult run(String... args) {
        return run(Map.of(), args);
    }

    Background start(Map<String, String> env, String... args) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "JAVA_HOME", "LANG", "TMPDIR")) {
            String v = System.getenv(keep);
            if (v != null) {
                all.put(keep, v);
            }
        }
        all.put("SKY_HOME", skyHome.toString());
        all.put("HOME", home.toString());
        all.put("AWS_EC2_METADATA_DISABLED", "true");
        all.put("NO_GCE_CHECK", "true");
        all.putAll(extraEnv);
        all.putAll(env);
        Background b = Background.start(SkyProcess.distribution().resolve("bin").resolve("sky"), List.of(args),
                all, dir);
        started.add(b);
        return b;
    }

    Background start(String... args) {
        return start(Map.of(), args);
    }

    /** Writes a task YAML under the test folder (never inside SKY_HOME) and returns its path. */
    String task(String fileName, String yaml) {
        Path f = dir.resolve("tasks").resolve(fileName);
        try {
            Files.writeString(f, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toString();
    }

    /** A YAML from the repository's examples/ folder. */
    static String example(String fileName) {
        return CatalogOracle.repo().resolve("examples").resolve(fileName).toString();
    }

    // --- what sky reports -------------------------------------------------------------------------------------

    /** {@code sky status --json}'s clusters; the command must succeed and print one JSON object. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> clusters(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("status", "--json"));
        args.addAll(List.of(extraArgs));
        CommandResult r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("%s", r).isZero();
        return (List<Map<String, Object>>) MiniJson.object(r.stdout()).get("clusters");
    }

    Optional<Map<String, Object>> cluster(String name) {
        return clusters().stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }

    /** {@code sky queue NAME --json}'s jobs, oldest first as sky lists them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs(String cluster) {
        CommandResult r = run("queue", cluster, "--json");
        assertThat(r.exitCode()).as("%s", r).isZero();
        return (List<Map<String, Object>>) MiniJson.object(r.stdout()).get("jobs");
    }

    static long id(Map<String, Object> job) {
        return ((Number) job.get("id")).longValue();
    }

    /** A job's {@code exit_codes}, one per rank. */
    static List<Integer> exitCodes(Map<String, Object> job) {
        return ((List<?>) job.get("exit_codes")).stream().map(c -> ((Number) c).intValue()).toList();
    }

    /** A time field of a job or cluster: an ISO-8601 instant or epoch seconds; null when unset. */
    static Instant time(Map<String, Object> row, String key) {
        Object v = row.get(key);
        if (v == null) {
            return null;
        }
        return v instanceof Number n ? Instant.ofEpochMilli((long) (n.doubleValue() * 1000))
                : Instant.parse((String) v);
    }

    Map<String, Object> job(String cluster, long id) {
        return jobs(cluster).stream().filter(j -> id(j) == id).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id + " in sky queue " + cluster));
    }

    String jobStatus(String cluster, long id) {
        return (String) job(cluster, id).get("status");
    }

    /** The highest job id on the cluster: the one just submitted. */
    long lastJobId(String cluster) {
        return jobs(cluster).stream().mapToLong(LocalSky::id).max()
                .orElseThrow(() -> new AssertionError("sky queue " + cluster + " lists no job"));
    }

    void awaitJobStatus(String cluster, long id, String status) {
        Poll.until("job " + id + " on " + cluster + " to be " + status, WAIT_BOUND,
                () -> status.equals(jobStatus(cluster, id)));
    }

    // --- what exists on this machine ----------------------------------------------------------------------------

    Path clusterDir(String cluster) {
        return skyHome.resolve("local").resolve(cluster);
    }

    Path nodeHome(String cluster, int rank) {
        return clusterDir(cluster).resolve("node-" + rank);
    }

    /** The {@code node-<rank>} folders of a cluster, sorted. */
    List<String> nodeDirs(String cluster) {
        Path d = clusterDir(cluster);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("node-\\d+")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path sshConfig(String cluster) {
        return skyHome.resolve("generated").resolve("ssh").resolve(cluster);
    }

    /** Processes a node of this installation started: they carry {@code SKY_NODE_ID=<cluster>/<rank>}. */
    List<Procs.Proc> nodeProcesses(String cluster, int rank) {
        String id = "SKY_NODE_ID=" + cluster + "/" + rank;
        return Procs.matching(p -> p.envHas(id) && p.mentions(skyHome.toString()));
    }

    /** Processes of any node of the cluster, the node host JVM included. */
    List<Procs.Proc> clusterProcesses(String cluster) {
        String idPrefix = "SKY_NODE_ID=" + cluster + "/";
        String dirPath = clusterDir(cluster).toString();
        return Procs.matching(p -> (p.envHasPrefix(idPrefix) && p.mentions(skyHome.toString()))
                || p.mentions(dirPath + "/") || p.environ().stream().anyMatch(e -> e.endsWith("=" + dirPath)));
    }

    /** The JVMs serving the cluster's nodes (their command line names the cluster's host.args file). */
    List<Long> nodeHostPids(String cluster) {
        String args = clusterDir(cluster).resolve("host.args").toString();
        return Procs.matching(p -> p.cmdline().contains(args)).stream().map(Procs.Proc::pid).sorted().toList();
    }

    /** Every process that refers to this SKY_HOME: sky commands, node hosts, node processes, reapers. */
    List<Procs.Proc> leftovers() {
        String mark = skyHome.toString();
        return Procs.matching(p -> p.mentions(mark));
    }

    /** Asserts the cluster is gone everywhere: no process, no node folder, no state row, no SSH config. */
    void assertGone(String cluster) {
        assertThat(clusterProcesses(cluster)).as("processes of cluster %s", cluster).isEmpty();
        assertThat(clusterDir(cluster)).as("node folders of %s", cluster).doesNotExist();
        assertThat(StateDb.clusterNames(skyHome)).as("state.db rows").doesNotContain(cluster);
        assertThat(clusters()).as("sky status --json").noneMatch(c -> cluster.equals(c.get("name")));
        assertThat(sshConfig(cluster)).as("generated SSH config of %s", cluster).doesNotExist();
    }

    /** The last non-blank line of a stream. */
    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() {
        OPEN.remove(this);
        started.forEach(Background::kill);
        try {
            if (Files.exists(skyHome)) {
                run("down", "-y", "-a");
            }
        } catch (AssertionError | RuntimeException e) {
            // Best effort; the sweep below is the guarantee.
        }
        for (int round = 0; round < 20; round++) {
            List<Procs.Proc> left = leftovers();
            if (left.isEmpty()) {
                return;
            }
            Procs.killAll(left);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
