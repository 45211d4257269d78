package dev.sky.cli.options;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.task.Task;
import dev.sky.core.task.Workdir;
import picocli.CommandLine.Option;

/** {@code --git-url}/{@code --git-ref}: the workdir is a git repository cloned on the nodes at that ref. */
public final class GitOptions {
    @Option(names = "--git-url", paramLabel = "URL", description = "Clone this repository as the workdir on the nodes.")
    public String gitUrl;

    @Option(names = "--git-ref", paramLabel = "REF", description = "Branch, tag or commit of --git-url.")
    public String gitRef;

    /** The task with the git workdir applied; {@code --workdir} and {@code --git-url} together are a usage error. */
    public Task apply(Task task, String workdirFlag) {
        if (gitUrl == null) {
            if (gitRef != null) {
                throw new SkyException(ExitCode.INVALID_INPUT, "--git-ref needs --git-url.");
            }
            return task;
        }
        if (workdirFlag != null) {
            throw new SkyException(ExitCode.INVALID_INPUT, "--git-url cannot be combined with --workdir.");
        }
        return task.withWorkdir(new Workdir(null, gitUrl, gitRef));
    }
}
