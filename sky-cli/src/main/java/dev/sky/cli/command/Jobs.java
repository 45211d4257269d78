package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import picocli.CommandLine.Command;

/** {@code sky jobs}: managed jobs, which a controller relaunches after a preemption or a failure. */
@Command(name = "jobs",
        description = "Managed jobs: launch, queue, cancel, logs.",
        subcommands = {JobsLaunch.class, JobsQueue.class, JobsCancel.class, JobsLogs.class})
public final class Jobs extends BaseCommand {
    /** {@code sky jobs} alone prints its help. */
    @Override
    protected int run() {
        spec.commandLine().usage(out());
        return 0;
    }
}
