package dev.sky.cli.render;

import dev.sky.optimizer.cloud.CredentialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code sky check} output: one block per cloud, then the enabled infra; and its JSON object. */
public final class CheckText {
    private final Function<String, String> displayName;
    private final Style style;

    public CheckText(Function<String, String> displayName, Style style) {
        this.displayName = displayName;
        this.style = style;
    }

    public String render(List<CredentialStatus> statuses, boolean verbose) {
        StringBuilder b = new StringBuilder("Checking credentials...\n");
        List<String> enabled = new ArrayList<>();
        for (CredentialStatus s : statuses) {
            String name = displayName.apply(s.cloud());
            String caps = s.capabilities().isEmpty() ? "" : " [" + String.join(", ", s.capabilities()) + "]";
            if (s.enabled()) {
                b.append("  ").append(name).append(": ").append(style.green("enabled")).append(caps).append('\n');
                enabled.add(name + caps);
                if (verbose && s.identity() != null) {
                    b.append("    Identity: ").append(s.identity()).append('\n');
                }
            } else {
                b.append("  ").append(style.dim(name + ": disabled")).append('\n');
                if (s.reason() != null) {
                    b.append("    Reason: ").append(s.reason()).append('\n');
                }
            }
            if (s.hint() != null) {
                b.append("    Hint: ").append(s.hint()).append('\n');
            }
            for (String d : s.details()) {
                b.append("    ").append(d).append('\n');
            }
        }
        b.append('\n');
        if (enabled.isEmpty()) {
            b.append("No infra enabled: follow the hints above, then run sky check again.\n");
        } else {
            b.append(style.bold("Enabled infra:")).append('\n');
            enabled.forEach(e -> b.append("  ").append(e).append('\n'));
        }
        return b.toString();
    }

    public static Map<String, Object> toJson(List<CredentialStatus> statuses) {
        List<Object> clouds = new ArrayList<>();
        for (CredentialStatus s : statuses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cloud", s.cloud());
            m.put("enabled", s.enabled());
            m.put("capabilities", s.capabilities());
            m.put("reason", s.reason());
            m.put("hint", s.hint());
            m.put("identity", s.identity());
            m.put("details", s.details());
            clouds.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("clouds", clouds);
        return root;
    }
}
