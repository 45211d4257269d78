package dev.sky.provision.cluster;

import dev.sky.core.json.Json;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.NodeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach a launched cluster and what it is: stored in the state DB's {@code handle_json} column.
 *
 * @param cloud cloud id
 * @param cloudDisplay the cloud's display name for {@code SKYPILOT_CLUSTER_INFO} ({@code Local}, {@code AWS})
 * @param region region, or null
 * @param zone zone, or null
 * @param instanceType the instance type
 * @param spot spot capacity
 * @param hourlyCostPerNode $/hour for one node at launch
 * @param cpusPerNode vCPUs of each node
 * @param memoryGb memory of each node
 * @param acceleratorName accelerator, or null
 * @param acceleratorCount accelerators per node
 * @param nodes the nodes in rank order
 */
public record ClusterHandle(String cloud, String cloudDisplay, String region, String zone, String instanceType,
                            boolean spot, double hourlyCostPerNode, double cpusPerNode, double memoryGb,
                            String acceleratorName, double acceleratorCount, List<Node> nodes) {

    /**
     * One node.
     *
     * @param rank 0 for the head
     * @param instanceId the cloud's id
     * @param address where sky connects
     * @param port the SSH port there
     * @param internalIp the address other nodes use
     * @param user the SSH user
     * @param hostKey the pinned host key, OpenSSH form
     * @param identityFile the private key sky logs in with, or null for sky's own key
     */
    public record Node(int rank, String instanceId, String address, int port, String internalIp, String user,
                       String hostKey, String identityFile) {
        /** A node that sky reaches with its own key. */
        public Node(int rank, String instanceId, String address, int port, String internalIp, String user,
                    String hostKey) {
            this(rank, instanceId, address, port, internalIp, user, hostKey, null);
        }
    }

    public ClusterHandle {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public ClusterHandle withNodes(ClusterInfo info) {
        List<Node> n = new ArrayList<>();
        for (NodeInfo ni : info.nodes()) {
            n.add(new Node(ni.rank(), ni.instanceId(), ni.externalAddress(), ni.sshPort(), ni.internalIp(),
                    ni.sshUser(), ni.hostPublicKey(), ni.identityFile()));
        }
        return new ClusterHandle(cloud, cloudDisplay, region, zone, instanceType, spot, hourlyCostPerNode,
                cpusPerNode, memoryGb, acceleratorName, acceleratorCount, n);
    }

    public Node head() {
        return nodes.get(0);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cloud", cloud);
        m.put("cloud_display", cloudDisplay);
        m.put("region", region);
        m.put("zone", zone);
        m.put("instance_type", instanceType);
        m.put("spot", spot);
        m.put("hourly_cost_per_node", hourlyCostPerNode);
        m.put("cpus", cpusPerNode);
        m.put("memory_gb", memoryGb);
        m.put("accelerator", acceleratorName);
        m.put("accelerator_count", acceleratorCount);
        List<Object> ns = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("rank", n.rank());
            nm.put("instance_id", n.instanceId());
            nm.put("address", n.address());
            nm.put("port", n.port());
            nm.put("internal_ip", n.internalIp());
            nm.put("user", n.user());
            nm.put("host_key", n.hostKey());
            if (n.identityFile() != null) {
                nm.put("identity_file", n.identityFile());
            }
            ns.add(nm);
        }
        m.put("nodes", ns);
        return Json.write(m);
    }

    public static ClusterHandle fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        List<Node> nodes = new ArrayList<>();
        Object raw = m.get("nodes");
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nm = (Map<String, Object>) o;
                nodes.add(new Node(num(nm.get("rank")).intValue(), str(nm.get("instance_id")), str(nm.get("address")),
                        num(nm.get("port")).intValue(), str(nm.get("internal_ip")), str(nm.get("user")),
                        str(nm.get("host_key")), str(nm.get("identity_file"))));
            }
        }
        return new ClusterHandle(str(m.get("cloud")), str(m.get("cloud_display")), str(m.get("region")),
                str(m.get("zone")), str(m.get("instance_type")), Boolean.TRUE.equals(m.get("spot")),
                num(m.get("hourly_cost_per_node")).doubleValue(), num(m.get("cpus")).doubleValue(),
                num(m.get("memory_gb")).doubleValue(), str(m.get("accelerator")),
                num(m.get("accelerator_count")).doubleValue(), nodes);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Number num(Object o) {
        return o instanceof Number n ? n : 0;
    }

    /** {@code 1x[A100:8]}-style summary used by status and queue. */
    public String resourcesSummary() {
        String what = acceleratorName != null && acceleratorCount > 0
                ? acceleratorName + ":" + fmt(acceleratorCount)
                : "cpus=" + fmt(cpusPerNode) + ", mem=" + fmt(memoryGb);
        return nodes.size() + "x " + instanceType + (spot ? "[Spot]" : "") + " (" + what + ")";
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
