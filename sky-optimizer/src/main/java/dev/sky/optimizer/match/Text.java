package dev.sky.optimizer.match;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How requests and numbers are spelled in reasons: SkyPilot's YAML spelling, so users recognise their input. */
final class Text {

    private Text() {}

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "$%.2f", v);
    }

    static String accelerator(String name, double count) {
        return name + ":" + num(count);
    }

    /** {@code cpus=8+, memory=4x}; parts that are null are left out; {@code any size} when both are. */
    static String size(Amount cpus, Amount memory) {
        List<String> parts = new ArrayList<>();
        if (cpus != null) {
            parts.add("cpus=" + cpus);
        }
        if (memory != null) {
            parts.add("memory=" + memory);
        }
        return parts.isEmpty() ? "any size" : String.join(", ", parts);
    }

    /** The resource candidate in a few words: its accelerator, instance type, or size. */
    static String request(Resources r) {
        if (r.instanceType() != null) {
            return r.accelerator() == null ? r.instanceType() : r.instanceType() + " with " + demand(r.accelerator());
        }
        if (r.accelerator() != null) {
            return demand(r.accelerator());
        }
        return r.cpus() == null && r.memory() == null ? "the default instance" : size(r.cpus(), r.memory());
    }

    static String demand(AcceleratorDemand d) {
        return d.toString();
    }

    /** Up to {@code max} items, then {@code ...}. */
    static String list(Collection<String> items, int max) {
        String head = items.stream().limit(max).collect(Collectors.joining(", "));
        return items.size() > max ? head + ", ..." : head;
    }
}
