package dev.sky.provision.cluster;

import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.provision.runtime.JobSpec;
import dev.sky.provision.runtime.JobSubmission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Maps a task to the job the head node runs: its demand, its scripts, and its envs and secrets. */
public final class JobSubmissions {
    private JobSubmissions() {}

    public static JobSubmission of(Task task, ClusterHandle handle, boolean runSetup) {
        Resources r = task.resources().first();
        double cpus = JobSpec.DEFAULT_CPUS;
        if (r.cpus() != null && r.cpus().kind() != Amount.Kind.PER_CPU) {
            cpus = r.cpus().value();
        }
        double gpus = r.accelerator() != null ? r.accelerator().count() : 0;
        String demand = task.numNodes() + "x[" + (gpus > 0 ? r.accelerator().name() + ":" + ClusterHandle.fmt(gpus)
                : "CPU:" + ClusterHandle.fmt(cpus)) + "]";
        String user = System.getProperty("user.name");
        JobSpec spec = new JobSpec(task.name(), task.numNodes(), cpus, gpus, runSetup && task.setup() != null, user,
                userId(user), demand, null);
        return new JobSubmission(spec, task.envs(), task.secrets(), runSetup ? task.setup() : null, task.run());
    }

    /** SkyPilot's user id: a short hash that names the user without exposing anything. */
    static String userId(String user) {
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName();
            byte[] d = MessageDigest.getInstance("SHA-256").digest((user + "@" + host)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException | java.net.UnknownHostException e) {
            return "00000000";
        }
    }
}
