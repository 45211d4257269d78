package dev.sky.optimizer.solve;

import dev.sky.core.task.Task;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much data moves into a task: from its input buckets (first task) or from the previous task. SkyPilot's rule:
 * the earlier task's {@code outputs} size, or, when it declares none, the later task's {@code inputs} size.
 */
final class DataMoves {

    private DataMoves() {}

    /** Gigabytes moved from {@code earlier} to {@code later}. */
    static double between(Task earlier, Task later) {
        double out = sum(earlier.outputs());
        return out > 0 ? out : sum(later.inputs());
    }

    /** Gigabytes a first task reads, per cloud id of the bucket they live in; URIs of unknown stores are left out. */
    static Map<String, Double> inputsByCloud(Task task) {
        Map<String, Double> out = new LinkedHashMap<>();
        task.inputs().forEach((uri, gb) -> {
            String cloud = cloudOf(uri);
            if (cloud != null && gb != null && gb > 0) {
                out.merge(cloud, gb, Double::sum);
            }
        });
        return out;
    }

    /** The cloud a bucket URI lives in: {@code s3://} AWS, {@code gs://} GCP, Azure blob URLs Azure; else null. */
    static String cloudOf(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        if (u.startsWith("s3://")) {
            return "aws";
        }
        if (u.startsWith("gs://")) {
            return "gcp";
        }
        if (u.startsWith("az://") || (u.startsWith("https://") && u.contains(".blob.core.windows.net"))) {
            return "azure";
        }
        return null;
    }

    private static double sum(Map<String, Double> sizes) {
        return sizes.values().stream().filter(v -> v != null).mapToDouble(Double::doubleValue).sum();
    }
}
