package dev.sky.cli.render;

import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A short human description of what a task asks for, e.g. {@code 1x A100:3} or {@code 2x aws(A100:8, spot)}. */
public final class ResourcesText {
    private ResourcesText() {}

    public static String of(Task task) {
        List<Resources> candidates = task.resources().candidates();
        String body = candidates.size() == 1 ? of(candidates.get(0))
                : candidates.stream().map(ResourcesText::of)
                        .collect(Collectors.joining(task.resources().ordered() ? " > " : " | ", "[", "]"));
        return task.numNodes() + "x " + body;
    }

    public static String of(Resources r) {
        List<String> parts = new ArrayList<>();
        if (r.instanceType() != null) {
            parts.add(r.instanceType());
        }
        if (r.accelerator() != null) {
            parts.add(r.accelerator().toString());
        }
        if (r.cpus() != null) {
            parts.add("cpus=" + r.cpus());
        }
        if (r.memory() != null) {
            parts.add("mem=" + r.memory());
        }
        if (r.useSpot()) {
            parts.add("spot");
        }
        String infra = r.infra().isAny() ? "" : r.infra().toString();
        if (parts.isEmpty()) {
            return infra.isEmpty() ? "default resources" : infra;
        }
        return infra.isEmpty() ? String.join(", ", parts) : infra + "(" + String.join(", ", parts) + ")";
    }
}
