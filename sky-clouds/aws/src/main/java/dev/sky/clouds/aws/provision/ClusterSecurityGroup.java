package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.PortRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The one security group of a cluster: SSH from anywhere, every port between the cluster's own nodes, and the task's
 * ports. Created with the cluster (tagged like its instances) and deleted with it.
 */
final class ClusterSecurityGroup {
    private final Ec2Calls calls;
    private final String userId;
    private final String cluster;

    ClusterSecurityGroup(Ec2Calls calls, String userId, String cluster) {
        this.calls = calls;
        this.userId = userId;
        this.cluster = cluster;
    }

    String name() {
        return "sky-" + cluster + "-" + userId;
    }

    Optional<SecurityGroup> find() {
        List<Filter> filters = new ArrayList<>(AwsTags.filters(userId, cluster));
        filters.add(Filter.builder().name("group-name").values(name()).build());
        return calls.call("DescribeSecurityGroups", null, () -> calls.ec2.describeSecurityGroups(
                DescribeSecurityGroupsRequest.builder().filters(filters).build())).securityGroups().stream().findFirst();
    }

    /** The group's id, creating it if needed, with SSH, intra-cluster traffic and {@code ports} allowed. */
    String ensure(List<PortRange> ports, Map<String, String> labels) {
        SecurityGroup group = find().orElse(null);
        String id;
        List<IpPermission> existing;
        if (group == null) {
            Map<String, String> tags = AwsTags.of(userId, cluster, -1, labels);
            try {
                id = calls.call("CreateSecurityGroup", null, () -> calls.ec2.createSecurityGroup(
                        CreateSecurityGroupRequest.builder().groupName(name())
                                .description("sky cluster " + cluster + ": SSH, intra-cluster traffic, task ports")
                                .tagSpecifications(AwsTags.spec(ResourceType.SECURITY_GROUP, tags)).build())).groupId();
            } catch (RuntimeException e) {
                // Another command made it between the describe and the create.
                id = find().map(SecurityGroup::groupId).orElseThrow(() -> e);
            }
            existing = List.of();
        } else {
            id = group.groupId();
            existing = group.ipPermissions();
        }
        authorize(id, existing, ports);
        return id;
    }

    /** Opens {@code ports} (TCP, from anywhere) on the existing group; rules already there are left alone. */
    void open(List<PortRange> ports) {
        SecurityGroup group = find().orElseThrow(() -> new AwsErrors(calls.region, null).translate("openPorts",
                software.amazon.awssdk.core.exception.SdkClientException.create("the security group " + name()
                        + " of cluster " + cluster + " does not exist")));
        authorize(group.groupId(), group.ipPermissions(), ports);
    }

    /**
     * Revokes the open-to-anywhere TCP rules for {@code ports}. Port 22 is never closed (sky needs it), and a rule
     * that is not there is not an error. A missing group means nothing is open.
     */
    void close(List<PortRange> ports) {
        Optional<SecurityGroup> group = find();
        if (group.isEmpty()) {
            return;
        }
        List<IpPermission> revoke = new ArrayList<>();
        for (PortRange p : ports) {
            IpPermission rule = tcp(p.first(), p.last());
            boolean ssh = p.first() <= 22 && p.last() >= 22;
            if (!ssh && group.get().ipPermissions().stream().anyMatch(e -> same(e, rule))) {
                revoke.add(rule);
            }
        }
        if (!revoke.isEmpty()) {
            calls.call("RevokeSecurityGroupIngress", null, () -> calls.ec2.revokeSecurityGroupIngress(
                    RevokeSecurityGroupIngressRequest.builder().groupId(group.get().groupId()).ipPermissions(revoke)
                            .build()));
        }
    }

    private static boolean same(IpPermission have, IpPermission want) {
        return want.ipProtocol().equals(have.ipProtocol()) && want.fromPort().equals(have.fromPort())
                && want.toPort().equals(have.toPort())
                && have.ipRanges().stream().anyMatch(r -> "0.0.0.0/0".equals(r.cidrIp()));
    }

    /** Deletes the group; true when it is gone, false while instances still use it. */
    boolean delete() {
        Optional<SecurityGroup> group = find();
        if (group.isEmpty()) {
            return true;
        }
        try {
            calls.callUnlessNotFound("DeleteSecurityGroup", () -> calls.ec2.deleteSecurityGroup(
                    DeleteSecurityGroupRequest.builder().groupId(group.get().groupId()).build()));
            return true;
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("DependencyViolation")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Lets the cluster's nodes reach each other on every port (distributed jobs pick their own ports): all traffic
     * from each node's private address. Per-address rules rather than a rule naming the group itself, so that the
     * rules read the same everywhere; a VPC keeps an instance's private address across stop and start.
     */
    void allowNodes(String groupId, List<String> privateIps) {
        SecurityGroup group = find().orElse(null);
        List<IpPermission> existing = group == null ? List.of() : group.ipPermissions();
        List<IpPermission> missing = new ArrayList<>();
        for (String ip : privateIps) {
            if (ip == null || ip.isBlank()) {
                continue;
            }
            String cidr = ip + "/32";
            boolean have = existing.stream().anyMatch(e -> "-1".equals(e.ipProtocol())
                    && e.ipRanges().stream().anyMatch(r -> cidr.equals(r.cidrIp())));
            if (!have) {
                missing.add(IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp(cidr)
                        .description("sky cluster node").build()).build());
            }
        }
        send(groupId, missing);
    }

    private void authorize(String groupId, List<IpPermission> existing, List<PortRange> ports) {
        List<IpPermission> wanted = new ArrayList<>();
        wanted.add(tcp(22, 22));
        for (PortRange p : ports) {
            wanted.add(tcp(p.first(), p.last()));
        }
        List<IpPermission> missing = new ArrayList<>();
        for (IpPermission w : wanted) {
            if (existing.stream().noneMatch(e -> covers(e, w)) && missing.stream().noneMatch(m -> covers(m, w))) {
                missing.add(w);
            }
        }
        send(groupId, missing);
    }

    private void send(String groupId, List<IpPermission> missing) {
        if (missing.isEmpty()) {
            return;
        }
        try {
            calls.call("AuthorizeSecurityGroupIngress", null, () -> calls.ec2.authorizeSecurityGroupIngress(
                    AuthorizeSecurityGroupIngressRequest.builder().groupId(groupId).ipPermissions(missing).build()));
        } catch (RuntimeException e) {
            // A rule another command added meanwhile: the port is open, which is what was asked.
            if (e.getMessage() == null || !e.getMessage().contains("InvalidPermission.Duplicate")) {
                throw e;
            }
        }
    }

    private static IpPermission tcp(int from, int to) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }

    private static boolean covers(IpPermission have, IpPermission want) {
        return ("-1".equals(have.ipProtocol()) && !have.ipRanges().isEmpty()
                || want.ipProtocol().equals(have.ipProtocol()) && have.fromPort() != null && have.toPort() != null
                && have.fromPort() <= want.fromPort() && have.toPort() >= want.toPort())
                && have.ipRanges().stream().anyMatch(r -> "0.0.0.0/0".equals(r.cidrIp()));
    }
}
