package dev.sky.cli.command;

import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.ClusterNames;
import dev.sky.cli.cluster.Confirm;
import dev.sky.cli.cluster.ConsoleProgress;
import dev.sky.cli.cluster.JobLogs;
import dev.sky.cli.cluster.JobOutcome;
import dev.sky.cli.cluster.Signals;
import dev.sky.cli.planning.Planner.Planned;
import dev.sky.core.ExitCode;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.task.Autostop;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLauncher;
import dev.sky.provision.cluster.LaunchRequest;
import dev.sky.provision.cluster.failover.Replanner;
import dev.sky.provision.cluster.failover.RetryBackoff;
import java.util.List;
import java.util.Optional;
import dev.sky.cli.options.GitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sky launch}: plan, confirm, provision (or reuse), sync, run, and stream the logs. */
@Command(name = "launch",
        description = "Launch a cluster and run a task on it (a task YAML or a command); --dryrun shows the plan.")
public final class Launch extends PlanningCommand {
    @Option(names = {"-c", "--cluster"}, paramLabel = "NAME", description = "Cluster name (default: generated).")
    String cluster;

    @Option(names = {"-d", "--detach-run"}, description = "Submit the job and return; don't stream its logs.")
    boolean detach;

    @Option(names = {"-i", "--idle-minutes-to-autostop"}, paramLabel = "MIN",
            description = "Stop the cluster after this many idle minutes (the watchdog runs on the cluster).")
    Integer idleMinutes;

    @Option(names = "--down", description = "Tear the cluster down instead of stopping it when idle (with -i;"
            + " alone: after the jobs finish).")
    boolean down;

    @Option(names = "--wait-for", paramLabel = "WHAT", defaultValue = "jobs_and_ssh",
            description = "What counts as activity for autostop: jobs_and_ssh, jobs or none.")
    String waitFor;

    @Option(names = "--no-setup", description = "On an existing cluster, skip setup.")
    boolean noSetup;

    @Option(names = "--fast", description = "On an UP cluster, skip provisioning and setup.")
    boolean fast;

    @Mixin
    GitOptions git;

    @Option(names = {"-r", "--retry-until-up"}, description = "Keep retrying when no candidate has capacity.")
    boolean retryUntilUp;

    @Override
    String commandName() {
        return "sky launch";
    }

    @Override
    boolean acceptsPipelines() {
        return false;
    }

    @Override
    protected int run() {
        Pipeline pipeline = load();
        if (dryrun) {
            return show(plan(pipeline));
        }
        Task task = git.apply(pipeline.tasks().get(0), taskOptions.workdir);
        String name = cluster == null ? ClusterNames.generate() : ClusterNames.checked(cluster);
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ConsoleProgress progress = new ConsoleProgress(err(), context().interactive());
            ClusterLauncher launcher = new ClusterLauncher(cc, progress);
            Optional<ClusterRecord> existing = launcher.existing(name);
            List<Candidate> candidates = List.of();
            if (existing.isPresent() && existing.get().handleJson() != null) {
                out().println("Cluster '" + name + "' exists (" + existing.get().status() + "); reusing it.");
                Confirm.ask(context(), err(), yes.yes, "Running the task on cluster '" + name + "'.", "sky launch");
            } else {
                Planned planned = plan(pipeline);
                int shown = show(planned);
                if (shown != ExitCode.OK) {
                    return shown;
                }
                candidates = planned.plan().tasks().get(0).candidates().stream()
                        .filter(c -> planned.labels().enabled(c.cloud())).toList();
                if (candidates.isEmpty()) {
                    throw new dev.sky.core.SkyException(ExitCode.NO_RESOURCES, "The clouds in the plan are not"
                            + " enabled (--all-clouds only prices them); run `sky check` to enable one.");
                }
                Confirm.ask(context(), err(), yes.yes, "Launching a new cluster '" + name + "'.", "sky launch");
            }
            Signals.install(err());
            boolean reuse = existing.isPresent() && existing.get().handleJson() != null;
            LaunchRequest req = new LaunchRequest(name, task, candidates, Replanner.over(candidates),
                    !(reuse && (noSetup || fast)), true, autostop(task), ClusterCommandSupport.launcher());
            ClusterLauncher.Result result = launchRetrying(launcher, req, progress);
            progress.stageDone();
            if (result.jobId() < 0) {
                out().println("Cluster '" + name + "' is UP; the task has nothing to run.");
                return ExitCode.OK;
            }
            if (detach) {
                out().println("Job " + result.jobId() + " submitted to cluster '" + name + "'. Follow it with: sky logs "
                        + name + " " + result.jobId());
                return ExitCode.OK;
            }
            out().println("Job " + result.jobId() + " submitted; streaming its logs (Ctrl-C detaches).");
            out().flush();
            try (var session = ClusterCommandSupport.head(cc, name)) {
                JobOutcome outcome = JobLogs.follow(name, result.jobId(), session.jobs(), System.out, err());
                out().println(outcome.line());
                return outcome.exitCode();
            }
        }
    }

    /**
     * With -r, a launch that found no capacity anywhere waits and tries again from scratch (a fresh blocklist):
     * 30 s at first, then ×1.6 with ±40% jitter, capped at 150 s (SkyPilot's back-off), until it works or the user
     * stops it.
     */
    private ClusterLauncher.Result launchRetrying(ClusterLauncher launcher, LaunchRequest req,
                                                  ConsoleProgress progress) {
        RetryBackoff backoff = RetryBackoff.standard();
        for (int round = 1; ; round++) {
            try {
                return launcher.launch(req);
            } catch (dev.sky.core.SkyException e) {
                if (!retryUntilUp || e.exitCode() != ExitCode.NO_RESOURCES
                        || e instanceof dev.sky.provision.spi.UnsupportedVerbException) {
                    throw e;
                }
                java.time.Duration gap = backoff.next();
                progress.info("Retry " + round + ": no location had capacity; trying every candidate again in "
                        + Math.max(1, gap.toMillis() / 1000) + " s (--retry-until-up). Ctrl-C stops.");
                try {
                    Thread.sleep(gap.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                dev.sky.core.Interrupts.checkpoint(req.cluster());
            }
        }
    }

    /** -i/--down from the flags, else resources.autostop from the YAML, else none. */
    private Autostop autostop(Task task) {
        if (idleMinutes != null) {
            return new Autostop(idleMinutes, down, waitFor);
        }
        if (down) {
            return new Autostop(0, true, waitFor);
        }
        return task.resources().first().autostop();
    }
}
