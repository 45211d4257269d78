package dev.sky.provision.runtime;

import dev.sky.core.task.Autostop;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The exact shell commands sky sends to a node to drive the runtime of one cluster. Each is one command line
 * for an SSH exec channel; none carries a secret. Exit codes of {@code sky-rt}: {@link #EXIT_USAGE},
 * {@link #EXIT_NOT_FOUND}, {@link #EXIT_NOT_INITIALISED}; anything else non-zero is a runtime failure.
 */
public final class RuntimeCommands {
    /** Bad arguments or a bad job spec; the message on stderr names the problem. */
    public static final int EXIT_USAGE = 2;
    /** No such job. */
    public static final int EXIT_NOT_FOUND = 3;
    /** The node was never initialised for this cluster ({@link #init(RuntimeInit)}). */
    public static final int EXIT_NOT_INITIALISED = 4;
    /** {@link #health()}: the runtime is broken (files damaged or missing, a daemon down); stdout says what. */
    public static final int EXIT_BROKEN = 5;

    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-zA-Z]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?");

    private final String cluster;

    public RuntimeCommands(String cluster) {
        this.cluster = checkCluster(cluster);
    }

    static String checkCluster(String cluster) {
        if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("invalid cluster name: " + cluster);
        }
        return cluster;
    }

    /** {@code sh "$HOME/.sky/runtime/<version>/sky-rt" -c <cluster> -r <rank>}. */
    public String sky(int rank) {
        return "sh \"$HOME/.sky/runtime/" + NodeRuntime.version() + "/sky-rt\" -c " + cluster + " -r " + rank;
    }

    /** Succeeds (exit 0) when the node has this runtime version. */
    public static String isInstalled() {
        return "test -x \"$HOME/.sky/runtime/" + NodeRuntime.version() + "/sky-rt\"";
    }

    /** Records the cluster on one node; run on every node, each with its own rank. */
    public String init(RuntimeInit init) {
        if (!init.cluster().equals(cluster)) {
            throw new IllegalArgumentException("init is for cluster " + init.cluster() + ", not " + cluster);
        }
        StringBuilder c = new StringBuilder(sky(init.rank())).append(" init");
        option(c, "--cloud", init.cloud());
        option(c, "--region", init.region());
        option(c, "--zone", init.zone());
        option(c, "--cpus", JobSpec.number(init.cpusPerNode()));
        option(c, "--gpus", JobSpec.number(init.gpusPerNode()));
        option(c, "--ssh-key", init.intraClusterKey());
        option(c, "--known-hosts", init.knownHosts());
        for (NodeAddress node : init.nodes()) {
            option(c, "--node", node.toInitArgument());
        }
        return c.toString();
    }

    /** Submits a job: send {@link JobSubmission#script(String)} on stdin; stdout is the job id. */
    public String submit() {
        return "sh -s";
    }

    /** The queue in the machine-readable form {@link RuntimeOutputToRecords#queue(String)} reads. */
    public String queue(boolean skipFinished) {
        return sky(0) + " queue" + (skipFinished ? " --skip-finished" : "");
    }

    /** The queue as a JSON array (same fields; timestamps in epoch seconds or null). */
    public String queueJson() {
        return sky(0) + " queue --json";
    }

    /** One word: the job's {@link JobStatus}. */
    public String status(long jobId) {
        return sky(0) + " status " + jobId;
    }

    /** The job's exit codes in rank order, space-separated. */
    public String exitCodes(long jobId) {
        return sky(0) + " exit-codes " + jobId;
    }

    /** Cancels jobs and waits until none of their processes is left on any node. */
    public String cancel(List<Long> jobIds) {
        if (jobIds.isEmpty()) {
            throw new IllegalArgumentException("no job ids to cancel");
        }
        StringJoiner ids = new StringJoiner(" ");
        jobIds.forEach(id -> ids.add(Long.toString(id)));
        return sky(0) + " cancel " + ids;
    }

    /** Cancels every unfinished job, or only those of one user id hash when it is not null. */
    public String cancelAll(String userId) {
        return sky(0) + " cancel --all" + (userId == null ? "" : " --user-id " + ShellQuote.quote(userId));
    }

    /** Prints the job's log; with follow, until the job ends; tail > 0 starts from the last lines. */
    public String logs(long jobId, boolean follow, int tail) {
        return sky(0) + " logs " + jobId + (follow ? " --follow" : "") + (tail > 0 ? " --tail " + tail : "");
    }

    /** Sets autostop; the watchdog runs {@code hookCommand} with sh on the head once idle long enough. */
    public String autostopSet(Autostop autostop, String hookCommand) {
        if (!autostop.enabled()) {
            return sky(0) + " autostop set -1";
        }
        if (hookCommand == null || hookCommand.isBlank()) {
            throw new IllegalArgumentException("autostop needs a hook command");
        }
        return sky(0) + " autostop set " + autostop.idleMinutes() + (autostop.down() ? " --down" : "")
                + " --wait-for " + ShellQuote.quote(autostop.waitFor()) + " --hook " + ShellQuote.quote(hookCommand);
    }

    /** The autostop setting, for {@link RuntimeOutputToRecords#autostop(String)}. */
    public String autostopShow() {
        return sky(0) + " autostop show";
    }

    /**
     * The runtime's health on the head ({@link RuntimeHealth#parse(String)} reads it): exit 0 healthy,
     * {@link #EXIT_BROKEN} broken. A missing {@code sky-rt} of this version is reported here too, with the same code,
     * so that only the SSH layer can fail in other ways.
     */
    public String health() {
        return "f=\"$HOME/.sky/runtime/" + NodeRuntime.version() + "/sky-rt\"; if [ -r \"$f\" ]; then " + sky(0)
                + " health; else printf 'version=" + NodeRuntime.version() + "\\nfiles=missing_entry\\nhealth=broken"
                + "\\nbroken=runtime_files\\n'; exit " + EXIT_BROKEN + "; fi";
    }

    /** After a restart of the head: resumes the scheduler and the autostop watchdog. */
    public String startDaemons() {
        return sky(0) + " start-daemons";
    }

    private static void option(StringBuilder c, String name, String value) {
        if (value != null && !value.isEmpty()) {
            c.append(' ').append(name).append(' ').append(ShellQuote.quote(value));
        }
    }
}
