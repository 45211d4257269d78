package dev.sky.provision.runtime;

import java.math.BigDecimal;

/**
 * What the head's job table needs to schedule and label a job: the {@code spec} file of a job folder.
 *
 * @param name the job name (the task name), or null
 * @param numNodes nodes the job runs on
 * @param cpusPerNode CPUs demanded on each node; SkyPilot's default is 0.5
 * @param gpusPerNode GPUs demanded on each node; {@code SKYPILOT_NUM_GPUS_PER_NODE} is its ceiling
 * @param runSetup whether to run the setup script (on every node of the cluster) before run
 * @param user the launching user's name ({@code SKYPILOT_USER})
 * @param userId the launching user's id hash ({@code SKYPILOT_USER_ID})
 * @param resources how the queue shows the resources, e.g. {@code 1x[CPU:0.5]}, or null for a default
 * @param runTimestamp SkyPilot's run timestamp {@code YYYY-MM-DD-HH-MM-SS-ffffff} for {@code SKYPILOT_TASK_ID},
 *     or null to take the head's clock at submission
 */
public record JobSpec(
        String name,
        int numNodes,
        double cpusPerNode,
        double gpusPerNode,
        boolean runSetup,
        String user,
        String userId,
        String resources,
        String runTimestamp) {

    public static final double DEFAULT_CPUS = 0.5;

    public JobSpec {
        if (numNodes < 1) {
            throw new IllegalArgumentException("num_nodes must be at least 1");
        }
        if (cpusPerNode < 0 || gpusPerNode < 0) {
            throw new IllegalArgumentException("CPU and GPU demands cannot be negative");
        }
        if (runTimestamp != null && !runTimestamp.matches("\\d{4}(-\\d{2}){5}-\\d{6}")) {
            throw new IllegalArgumentException("run timestamp must be YYYY-MM-DD-HH-MM-SS-ffffff: " + runTimestamp);
        }
    }

    /** The {@code spec} file: {@code key=value} lines with raw values (line breaks become spaces). */
    public String render() {
        StringBuilder s = new StringBuilder();
        line(s, "name", name);
        line(s, "num_nodes", Integer.toString(numNodes));
        line(s, "cpus", number(cpusPerNode));
        line(s, "gpus", number(gpusPerNode));
        line(s, "run_setup", runSetup ? "1" : "0");
        line(s, "user", user);
        line(s, "user_id", userId);
        line(s, "resources", resources);
        line(s, "run_timestamp", runTimestamp);
        return s.toString();
    }

    /** A decimal without exponent or trailing zeros: 0.5, 2, 1.25. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder s, String key, String value) {
        if (value != null) {
            s.append(key).append('=').append(value.replaceAll("[\\r\\n\\t]", " ")).append('\n');
        }
    }
}
