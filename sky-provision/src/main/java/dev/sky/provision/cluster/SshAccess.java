package dev.sky.provision.cluster;

import dev.sky.provision.access.SshConfigFiles;
import dev.sky.provision.access.SshHost;
import java.util.ArrayList;
import java.util.List;

/** Keeps {@code ssh <cluster>} working: the generated config and, with the default SKY_HOME, the Include line. */
public final class SshAccess {
    private SshAccess() {}

    public static void write(ClusterContext ctx, String cluster, ClusterHandle handle) {
        List<SshHost> hosts = new ArrayList<>();
        for (ClusterHandle.Node n : handle.nodes()) {
            String alias = n.rank() == 0 ? cluster : cluster + "-worker" + n.rank();
            hosts.add(new SshHost(alias, n.address(), n.port(), n.user(), n.hostKey(), n.identityFile()));
        }
        SshConfigFiles files = ctx.sshFiles();
        files.write(cluster, hosts);
        if (ctx.defaultSkyHome()) {
            files.installInclude(ctx.paths().userHome().resolve(".ssh").resolve("config"));
        }
    }

    public static void remove(ClusterContext ctx, String cluster) {
        ctx.sshFiles().remove(cluster);
    }
}
