package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.JobLogs;
import dev.sky.cli.cluster.JobOutcome;
import dev.sky.cli.cluster.Signals;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.runtime.JobStatus;
import dev.sky.provision.ssh.OutputSink;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sky logs CLUSTER [JOB_ID]}: stream a job's log, or with --status, exit with its state. */
@Command(name = "logs", description = "Show a job's logs (the latest job by default).")
public final class Logs extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster.")
    String cluster;

    @Parameters(index = "1..*", paramLabel = "JOB_ID", arity = "0..*", description = "The job (default: latest).")
    List<String> jobIds = new ArrayList<>();

    @Option(names = "--follow", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep streaming until the job ends (default); --no-follow prints what there is.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "0", description = "Start from the last N lines.")
    int tail;

    @Option(names = "--status", description = "Print the job's status and exit with 0 succeeded, 100 failed,"
            + " 101 not finished, 102 not found, 103 cancelled.")
    boolean status;

    @Override
    protected int run() {
        if (jobIds.size() > 1) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Cannot stream logs of multiple jobs; give one JOB_ID.");
        }
        long id;
        try (ClusterContext cc = ClusterCommandSupport.context(context());
             var session = ClusterCommandSupport.head(cc, cluster)) {
            try {
                id = jobIds.isEmpty() ? session.jobs().latestJobId() : Long.parseLong(jobIds.get(0));
            } catch (NumberFormatException e) {
                throw new SkyException(ExitCode.INVALID_INPUT, "Job ID must be an integer: " + jobIds.get(0));
            }
            if (status) {
                JobStatus s = id < 0 ? null : session.jobs().status(id);
                out().println("Job " + (id < 0 ? "(none)" : id) + ": " + (s == null ? "NOT FOUND" : s.name()));
                return statusCode(s);
            }
            if (id < 0) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Cluster '" + cluster + "' has no jobs.");
            }
            if (session.jobs().status(id) == null) {
                throw new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, "Job " + id + " not found on '" + cluster
                        + "'.");
            }
            out().flush();
            if (follow && tail == 0) {
                Signals.install(err());
                JobOutcome o = JobLogs.follow(cluster, id, session.jobs(), System.out, err());
                out().println(o.line());
                return ExitCode.OK;
            }
            session.jobs().logs(id, follow, tail, OutputSink.to(System.out), OutputSink.to(System.err));
            return ExitCode.OK;
        }
    }

    static int statusCode(JobStatus s) {
        if (s == null) {
            return ExitCode.JOB_NOT_FOUND;
        }
        return switch (s) {
            case SUCCEEDED -> ExitCode.OK;
            case FAILED, FAILED_SETUP, FAILED_DRIVER -> ExitCode.JOB_FAILED;
            case CANCELLED -> ExitCode.JOB_CANCELLED;
            default -> ExitCode.JOB_NOT_FINISHED;
        };
    }
}
