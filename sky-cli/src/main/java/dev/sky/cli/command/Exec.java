package dev.sky.cli.command;

import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.cli.cluster.ClusterNames;
import dev.sky.cli.cluster.ConsoleProgress;
import dev.sky.cli.cluster.JobLogs;
import dev.sky.cli.cluster.JobOutcome;
import dev.sky.cli.cluster.Signals;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.cluster.ClusterLauncher;
import dev.sky.provision.cluster.LaunchRequest;
import java.util.List;
import dev.sky.cli.options.GitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sky exec CLUSTER ENTRYPOINT}: sync the workdir and run the task on an UP cluster; no setup. */
@Command(name = "exec", description = "Run a task on an existing cluster (syncs the workdir, skips setup).")
public final class Exec extends PlanningCommand {
    @Option(names = {"-d", "--detach-run"}, description = "Submit the job and return; don't stream its logs.")
    boolean detach;

    @Option(names = {"-c", "--cluster"}, hidden = true, paramLabel = "NAME")
    String clusterOption;

    @Mixin
    GitOptions git;

    private String cluster;

    @Override
    String commandName() {
        return "sky exec";
    }

    @Override
    boolean acceptsPipelines() {
        return false;
    }

    @Override
    protected int run() {
        cluster = clusterOption;
        if (cluster == null) {
            if (entrypoint.isEmpty()) {
                throw new SkyException(ExitCode.INVALID_INPUT, "Missing argument CLUSTER. Usage: sky exec CLUSTER"
                        + " ENTRYPOINT...");
            }
            cluster = entrypoint.remove(0);
        }
        ClusterNames.checked(cluster);
        if (entrypoint.isEmpty()) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Missing argument ENTRYPOINT: a task YAML or a command.");
        }
        Pipeline pipeline = load();
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            ConsoleProgress progress = new ConsoleProgress(err(), context().interactive());
            Signals.install(err());
            out().println("Submitting job to cluster: " + cluster);
            LaunchRequest req = new LaunchRequest(cluster, git.apply(pipeline.tasks().get(0), taskOptions.workdir),
                    List.of(), false, false, null, ClusterCommandSupport.launcher());
            ClusterLauncher.Result result = new ClusterLauncher(cc, progress).launch(req);
            progress.stageDone();
            if (result.jobId() < 0) {
                out().println("The task has nothing to run.");
                return ExitCode.OK;
            }
            if (detach) {
                out().println("Job " + result.jobId() + " submitted to cluster '" + cluster
                        + "'. Follow it with: sky logs " + cluster + " " + result.jobId());
                return ExitCode.OK;
            }
            out().flush();
            try (var session = ClusterCommandSupport.head(cc, cluster)) {
                JobOutcome outcome = JobLogs.follow(cluster, result.jobId(), session.jobs(), System.out, err());
                out().println(outcome.line());
                return outcome.exitCode();
            }
        }
    }
}
