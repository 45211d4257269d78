package dev.sky.provision.cluster;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.runtime.JobRecord;
import dev.sky.provision.runtime.JobStatus;
import dev.sky.provision.runtime.JobSubmission;
import dev.sky.provision.runtime.RuntimeCommands;
import dev.sky.provision.runtime.RuntimeOutputToRecords;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.RemoteRunner;
import dev.sky.provision.ssh.StdinSource;
import java.util.List;

/** Talks to a cluster's job table on its head node. */
public final class JobClient {
    private final String cluster;
    private final RemoteRunner head;
    private final RuntimeCommands cmds;

    public JobClient(String cluster, RemoteRunner head) {
        this.cluster = cluster;
        this.head = head;
        this.cmds = new RuntimeCommands(cluster);
    }

    /** Submits the job and returns its id. The script carries the env file on stdin, never on a command line. */
    public long submit(JobSubmission job) {
        CapturedOutput out = new CapturedOutput();
        CapturedOutput err = new CapturedOutput();
        int code = head.run(cmds.submit(), StdinSource.of(job.script(cluster)), out, err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Submitting the job to " + cluster + " failed: "
                    + err.text().strip());
        }
        try {
            return Long.parseLong(out.text().strip());
        } catch (NumberFormatException e) {
            throw new SkyException(ExitCode.GENERIC, "The head node answered the submission with no job id");
        }
    }

    public List<JobRecord> queue(boolean skipFinished) {
        return RuntimeOutputToRecords.queue(capture(cmds.queue(skipFinished), "read the job queue"));
    }

    /** The job's status, or null when there is no such job. */
    public JobStatus status(long jobId) {
        CapturedOutput out = new CapturedOutput();
        CapturedOutput err = new CapturedOutput();
        int code = head.run(cmds.status(jobId), null, out, err);
        if (code == RuntimeCommands.EXIT_NOT_FOUND) {
            return null;
        }
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Reading job " + jobId + " failed: " + err.text().strip());
        }
        return JobStatus.parse(out.text().strip());
    }

    public List<Integer> exitCodes(long jobId) {
        return RuntimeOutputToRecords.exitCodes(capture(cmds.exitCodes(jobId), "read the exit codes"));
    }

    /** Streams the job's log to {@code out}; returns the remote command's exit code. */
    public int logs(long jobId, boolean follow, int tail, OutputSink out, OutputSink err) {
        return head.run(cmds.logs(jobId, follow, tail), null, out, err);
    }

    public String cancel(List<Long> ids) {
        return capture(cmds.cancel(ids), "cancel jobs");
    }

    public String cancelAll() {
        return capture(cmds.cancelAll(null), "cancel jobs");
    }

    /** The id of the newest job, or -1 when the cluster has none. */
    public long latestJobId() {
        return queue(false).stream().mapToLong(JobRecord::id).max().orElse(-1);
    }

    String capture(String command, String what) {
        CapturedOutput out = new CapturedOutput();
        CapturedOutput err = new CapturedOutput();
        int code = head.run(command, null, out, err);
        if (code != 0) {
            throw new SkyException(code == RuntimeCommands.EXIT_NOT_FOUND ? ExitCode.NOT_FOUND_OR_WRONG_STATE
                    : ExitCode.GENERIC, "Could not " + what + " on " + cluster + ": " + err.text().strip());
        }
        return out.text();
    }

    public RuntimeCommands commands() {
        return cmds;
    }
}
