package dev.sky.cli.cluster;

import dev.sky.core.TimeScale;
import dev.sky.provision.cluster.JobClient;
import dev.sky.provision.runtime.JobStatus;
import dev.sky.provision.ssh.NodeConnectionException;
import dev.sky.provision.ssh.OutputSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Streams a job's log until the job ends, then reports its outcome. The first Ctrl-C detaches: the job keeps
 * running on the cluster.
 */
public final class JobLogs {
    private JobLogs() {}

    /** Streams and waits; returns the outcome (exit code and last line). */
    public static JobOutcome follow(String cluster, long jobId, JobClient jobs, OutputStream out, PrintWriter err) {
        Thread streamer = Thread.currentThread();
        final boolean[] detached = {false};
        Signals.onFirstPress(() -> {
            detached[0] = true;
            streamer.interrupt();
        });
        try {
            jobs.logs(jobId, true, 0, OutputSink.to(out), OutputSink.to(out));
        } catch (NodeConnectionException e) {
            if (!detached[0]) {
                err.println("Lost the log stream: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            if (!detached[0]) {
                throw e;
            }
        }
        try {
            out.flush();
        } catch (IOException ignored) {
            // Nothing more to show.
        }
        if (detached[0]) {
            return new JobOutcome(0, "Detached from the logs; job " + jobId + " keeps running on '" + cluster
                    + "'. Follow it with: sky logs " + cluster + " " + jobId);
        }
        JobStatus status = waitTerminal(jobs, jobId);
        return JobOutcome.of(cluster, jobId, status, status != null && status == JobStatus.FAILED
                ? jobs.exitCodes(jobId) : java.util.List.of());
    }

    /** The log command ends when the job does; the status may lag a moment behind. */
    private static JobStatus waitTerminal(JobClient jobs, long jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JobStatus s = jobs.status(jobId);
            if (s == null || s.isTerminal() || System.nanoTime() > deadline) {
                return s;
            }
            try {
                Thread.sleep(TimeScale.millis(200));
            } catch (InterruptedException e) {
                return s;
            }
        }
    }
}
