package dev.sky.provision.cluster;

import dev.sky.core.task.Autostop;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.provision.cluster.failover.Replanner;
import java.util.List;

/**
 * What {@code sky launch} (or {@code sky exec}) asks of the launcher.
 *
 * @param cluster the cluster name
 * @param task the task
 * @param candidates placements to try in order (failover), best first; ignored for an existing cluster
 * @param replanner plans again with failed locations excluded; null means re-planning over {@code candidates}
 * @param runSetup run the task's setup (false for exec, --no-setup and --fast on an existing cluster)
 * @param provision create or start nodes when needed (false for exec: the cluster must be UP)
 * @param autostop autostop to set after launch, or null to leave it as it is
 * @param hookLauncher the command that runs sky on this machine (for the local cloud's autostop hook), or null
 */
public record LaunchRequest(String cluster, Task task, List<Candidate> candidates, Replanner replanner,
                            boolean runSetup, boolean provision, Autostop autostop, String hookLauncher) {
    public LaunchRequest {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        replanner = replanner == null ? Replanner.over(candidates) : replanner;
    }

    /** A request that re-plans over its own candidates. */
    public LaunchRequest(String cluster, Task task, List<Candidate> candidates, boolean runSetup, boolean provision,
                         Autostop autostop, String hookLauncher) {
        this(cluster, task, candidates, null, runSetup, provision, autostop, hookLauncher);
    }
}
