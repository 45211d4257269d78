package dev.sky.clouds.ssh;

import dev.sky.clouds.ssh.pools.NodePool;
import dev.sky.clouds.ssh.pools.NodePoolsFile;
import dev.sky.core.SkyPaths;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSH node pools: machines the user already has, listed in {@code SKY_HOME/ssh_node_pools.yaml}. Each pool is a
 * region ({@code ssh-<pool>}) whose offerings are the host shapes {@code sky ssh up} recorded, at cost 0.
 */
public final class SshCloud implements CloudDescriptor {
    static final String SETUP_HINT = "List your machines in %s, e.g.\n"
            + "      my-pool:\n"
            + "        user: ubuntu\n"
            + "        identity_file: ~/.ssh/id_rsa\n"
            + "        hosts: [192.168.1.10, 192.168.1.11]";
    private static final Map<CloudFeature, String> UNSUPPORTED = unsupportedFeatures();

    @Override
    public String id() {
        return "ssh";
    }

    @Override
    public String displayName() {
        return "SSH";
    }

    @Override
    public Map<CloudFeature, String> unsupported() {
        return UNSUPPORTED;
    }

    @Override
    public Catalog offerings(SkyPaths paths) {
        Optional<List<String>> allowed = SkyConfigLoader.load(paths).stringList("ssh.allowed_node_pools");
        List<String> inFile = new ArrayList<>();
        try {
            NodePoolsFile.read(paths.sshNodePools(), paths.userHome()).forEach(p -> inFile.add(p.name()));
        } catch (NodePoolsFile.UnreadableException e) {
            return new Catalog(id(), List.of(), "computed", null);
        }
        return new Catalog(id(), PoolOfferings.rows(paths, pool -> inFile.contains(pool)
                && (allowed.isEmpty() || allowed.get().contains(pool))), "computed", null);
    }

    @Override
    public boolean computedOfferings() {
        return true;
    }

    @Override
    public DefaultInstancePolicy defaultInstancePolicy() {
        return null;
    }

    /** Enabled when at least one allowed pool lists usable hosts; details list every pool checked. */
    @Override
    public CredentialStatus check(CheckContext ctx) {
        SkyPaths paths = ctx.paths();
        String hint = SETUP_HINT.formatted(paths.sshNodePools());
        List<NodePool> pools;
        try {
            pools = NodePoolsFile.read(paths.sshNodePools(), paths.userHome());
        } catch (NodePoolsFile.UnreadableException e) {
            return CredentialStatus.disabled(id(), e.getMessage(), "Fix " + paths.sshNodePools() + ".");
        }
        if (pools.isEmpty()) {
            return CredentialStatus.disabled(id(), "no SSH node pools in " + paths.sshNodePools(), hint);
        }
        Optional<List<String>> allowed = SkyConfigLoader.load(paths).stringList("ssh.allowed_node_pools");
        List<String> lines = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        java.util.Set<String> setUp = PoolOfferings.rows(paths, pool -> true).stream()
                .map(r -> r.region().substring(4)).collect(java.util.stream.Collectors.toSet());
        for (NodePool p : pools) {
            if (allowed.isPresent() && !allowed.get().contains(p.name())) {
                continue;
            }
            if (!p.usable()) {
                lines.add("ssh-" + p.name() + ": disabled. Reason: " + p.problem());
            } else if (!setUp.contains(p.name())) {
                usable.add(p.name());
                lines.add("ssh-" + p.name() + ": disabled. Reason: Not set up. Use `sky ssh up --infra " + p.name()
                        + "` to set up.");
            } else {
                usable.add(p.name());
                lines.add("ssh-" + p.name() + " (" + p.hosts().size() + (p.hosts().size() == 1 ? " host)" : " hosts)"));
            }
        }
        List<String> details = new ArrayList<>();
        if (!lines.isEmpty()) {
            details.add("Allowed node pools:");
            for (int i = 0; i < lines.size(); i++) {
                details.add((i == lines.size() - 1 ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ") + lines.get(i));
            }
        }
        if (usable.isEmpty()) {
            String reason = details.isEmpty() ? "no pool in " + paths.sshNodePools() + " is in ssh.allowed_node_pools"
                    : "no usable SSH node pool";
            return new CredentialStatus(id(), false, List.of(), reason, hint, null, details);
        }
        return new CredentialStatus(id(), true, List.of("compute"), null, null,
                "node pools " + String.join(", ", usable), details);
    }

    private static Map<CloudFeature, String> unsupportedFeatures() {
        Map<CloudFeature, String> m = new EnumMap<>(CloudFeature.class);
        m.put(CloudFeature.SPOT, "SSH node pools are fixed machines; there is no spot capacity.");
        m.put(CloudFeature.STOP, "sky does not power off the machines of an SSH node pool; use sky down.");
        m.put(CloudFeature.IMAGE_ID, "SSH node pool machines keep their own operating system.");
        m.put(CloudFeature.DOCKER_IMAGE, "Container images on SSH node pools are not supported yet.");
        m.put(CloudFeature.CUSTOM_DISK_TIER, "Disk tiers do not apply to existing machines.");
        m.put(CloudFeature.CUSTOM_NETWORK_TIER, "Network tiers do not apply to existing machines.");
        m.put(CloudFeature.TPU, "SSH node pools have no TPUs.");
        return Collections.unmodifiableMap(m);
    }
}
