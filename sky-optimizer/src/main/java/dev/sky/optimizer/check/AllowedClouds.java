package dev.sky.optimizer.check;

import dev.sky.core.SkyException;
import dev.sky.core.config.NearestKey;
import dev.sky.core.config.SkyConfig;
import dev.sky.optimizer.cloud.CloudRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns {@code allowed_clouds} into the set of registered cloud ids it admits. */
final class AllowedClouds {
    /**
     * Clouds SkyPilot has and sky does not. A config shared with SkyPilot may list them; they are skipped rather
     * than rejected. Any other unknown name is most likely a typo and is rejected with its position.
     */
    static final Set<String> SKYPILOT_ONLY = Set.of("lambda", "runpod", "ibm", "oci", "nebius", "vast", "fluidstack",
            "cudo", "paperspace", "do", "scp", "vsphere", "seeweb", "cloudflare", "r2", "coreweave", "hyperbolic",
            "primeintellect", "shadeform", "slurm", "lambdalabs");

    private AllowedClouds() {}

    static Set<String> resolve(SkyConfig cfg, CloudRegistry registry) {
        if (cfg.allowedClouds() == null) {
            return new LinkedHashSet<>(registry.ids());
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> names = cfg.allowedClouds();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<String> id = registry.canonicalId(name);
            if (id.isPresent()) {
                out.add(id.get());
            } else if (!SKYPILOT_ONLY.contains(name)) {
                throw SkyException.invalidInput(cfg.where("allowed_clouds[" + i + "]") + ": allowed_clouds: unknown"
                        + " cloud '" + name + "'." + NearestKey.hint(name, registry.ids()) + " Valid clouds: "
                        + String.join(", ", registry.ids()) + ".");
            }
        }
        return out;
    }
}
