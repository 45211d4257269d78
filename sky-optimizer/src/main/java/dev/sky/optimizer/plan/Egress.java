package dev.sky.optimizer.plan;

/**
 * Data moved between two consecutive tasks of a pipeline placed on different clouds, or from a first task's input
 * buckets ({@code s3://}, {@code gs://}, Azure blob) to the cloud it runs on.
 *
 * @param fromTask index of the task the data comes from; -1 for the first task's input buckets
 * @param toTask index of the task the data goes to
 * @param fromCloud the cloud id the data leaves (it charges the egress)
 * @param toCloud the cloud id the data enters
 * @param gigabytes how much data moves
 * @param cost dollars charged by {@code fromCloud}
 */
public record Egress(int fromTask, int toTask, String fromCloud, String toCloud, double gigabytes, double cost) {

    public boolean fromInputs() {
        return fromTask < 0;
    }
}
