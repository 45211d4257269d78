package dev.sky.clouds.ssh.probe;

import java.util.List;
import java.util.Locale;

/** Maps what nvidia-smi calls a GPU ({@code NVIDIA A100-SXM4-80GB}) to SkyPilot's name ({@code A100-80GB}). */
final class GpuNames {
    /** Longer names first, so L40S is not read as L40 or L4. */
    private static final List<String> KNOWN = List.of("GH200", "H200", "H100", "B200", "B100", "L40S", "L40", "L4",
            "A100", "A10G", "A10", "A40", "A30", "A16", "T4", "V100", "P100", "P40", "P4", "K80", "M60",
            "RTX6000", "RTX5090", "RTX4090", "RTX4080", "RTX3090", "RTX3080", "RTXA6000", "RTXA5000", "RTXA4000");

    private GpuNames() {}

    static String canonical(String nvidiaSmiName) {
        String n = nvidiaSmiName.toUpperCase(Locale.ROOT)
                .replace("NVIDIA", "").replace("TESLA", "").replace("GEFORCE", "").replace("QUADRO", "");
        String compact = n.replace(" ", "").replace("-", "").replace("_", "");
        for (String k : KNOWN) {
            if (compact.startsWith(k)) {
                return k.equals("A100") && compact.contains("80GB") ? "A100-80GB" : k;
            }
        }
        String trimmed = n.strip();
        int space = trimmed.indexOf(' ');
        String first = space < 0 ? trimmed : trimmed.substring(0, space);
        return first.isEmpty() ? "GPU" : first;
    }
}
