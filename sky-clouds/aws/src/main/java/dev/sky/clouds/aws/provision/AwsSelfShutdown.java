package dev.sky.clouds.aws.provision;

import dev.sky.provision.runtime.ShellQuote;
import dev.sky.provision.spi.ClusterRef;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Autostop on AWS without credentials on the node: the head's watchdog shuts the workers down over the cluster's own
 * SSH key, then itself. What a shutdown from inside does is the instance's InstanceInitiatedShutdownBehavior: stop, or
 * terminate for autostop {@code --down}. It is set at launch when {@code --down} was asked then, and changed here
 * (ModifyInstanceAttribute) when a later {@code sky autostop} asks otherwise; the {@code sky-shutdown} tag records it.
 */
final class AwsSelfShutdown {
    static final String TAG = "sky-shutdown";

    private final AwsProvisioner p;

    AwsSelfShutdown(AwsProvisioner p) {
        this.p = p;
    }

    String command(ClusterRef cluster, boolean down) {
        Ec2Calls c = p.calls(cluster.region());
        List<Instance> nodes = ClusterInstances.describe(c, p.userId(), cluster.clusterName()).liveByRank();
        String wanted = down ? "terminate" : "stop";
        for (Instance i : nodes) {
            String now = AwsTags.get(i.tags(), TAG);
            if (!wanted.equals(now == null ? "stop" : now)) {
                c.call("ModifyInstanceAttribute", null, () -> c.ec2.modifyInstanceAttribute(
                        ModifyInstanceAttributeRequest.builder().instanceId(i.instanceId())
                                .instanceInitiatedShutdownBehavior(AttributeValue.builder().value(wanted).build())
                                .build()));
                c.call("CreateTags", null, () -> c.ec2.createTags(CreateTagsRequest.builder()
                        .resources(i.instanceId()).tags(Tag.builder().key(TAG).value(wanted).build()).build()));
            }
        }
        return script(cluster.clusterName(), nodes.size() > 1 ? nodes.subList(1, nodes.size()) : List.of());
    }

    /** Workers first (best effort: one that cannot be reached is left for {@code sky status --refresh}), then the head. */
    static String script(String cluster, List<Instance> workers) {
        List<String> parts = new ArrayList<>();
        if (!workers.isEmpty()) {
            // The cluster key and pinned host keys the runtime installer put on the head (RuntimeInstaller).
            String dir = "\"$HOME\"/.sky/clusters/" + ShellQuote.quote(cluster) + "/node-0";
            StringBuilder loop = new StringBuilder("for w in");
            for (Instance w : workers) {
                String user = AwsTags.get(w.tags(), AwsTags.SSH_USER);
                loop.append(' ').append(ShellQuote.quote((user == null ? Ec2InstanceToNodeInfo.DEFAULT_USER : user)
                        + "@" + w.privateIpAddress() + ":" + Ec2InstanceToNodeInfo.sshPort(w)));
            }
            loop.append("; do u=${w%%@*}; a=${w#*@}; ssh -F /dev/null -o BatchMode=yes -o ConnectTimeout=10")
                    .append(" -o StrictHostKeyChecking=yes -o UserKnownHostsFile=").append(dir).append("/known_hosts")
                    .append(" -o IdentitiesOnly=yes -i ").append(dir).append("/intra_key")
                    .append(" -p ${a##*:} -l \"$u\" ${a%:*} 'sudo shutdown -h now' </dev/null || true; done");
            parts.add(loop.toString());
        }
        parts.add("sudo shutdown -h now");
        return String.join("; ", parts);
    }
}
