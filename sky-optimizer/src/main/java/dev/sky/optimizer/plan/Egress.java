package dev.sky.optimizer.plan;

/** Data moved between two consecutive tasks of a pipeline placed on different clouds. */
public record Egress(int fromTask, int toTask, String fromCloud, String toCloud, double gigabytes, double cost) {}
