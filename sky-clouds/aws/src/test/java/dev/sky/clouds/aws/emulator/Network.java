package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Security groups: create, describe, delete, and ingress rules. */
final class Network {
    private static final Set<String> FILTERS = Set.of("group-name", "group-id", "vpc-id", "description");

    private final Ec2World world;

    Network(Ec2World world) {
        this.world = world;
    }

    /** The region's "default" group, which every VPC has; made on first use. */
    static Resources.SecurityGroup defaultGroup(Ec2World world, String region) {
        synchronized (world) {
            for (Resources.SecurityGroup g : world.groups.values()) {
                if (g.region.equals(region) && g.name.equals("default")) {
                    return g;
                }
            }
            Resources.SecurityGroup g = new Resources.SecurityGroup(Ec2World.newId("sg"), region, "default",
                    "default VPC security group");
            world.groups.put(g.id, g);
            return g;
        }
    }

    String create(QueryParams p, String region, String requestId) {
        String name = p.required("GroupName");
        String description = p.required("GroupDescription");
        if (name.length() > 255 || name.startsWith("sg-")) {
            throw Ec2Error.invalid("Invalid security group name '" + name + "'");
        }
        Map<String, String> tags = RunInstances.tagSpecifications(p).getOrDefault("security-group", Map.of());
        synchronized (world) {
            defaultGroup(world, region);
            boolean exists = world.groups.values().stream()
                    .anyMatch(g -> g.region.equals(region) && g.name.equals(name));
            if (exists) {
                throw Ec2Error.client("InvalidGroup.Duplicate", "The security group '" + name + "' already exists"
                        + " for VPC '" + InstanceXml.VPC_ID + "'");
            }
            Resources.SecurityGroup g = new Resources.SecurityGroup(Ec2World.newId("sg"), region, name,
                    description);
            g.tags.putAll(tags);
            world.groups.put(g.id, g);
            return new Xml().openNs("CreateSecurityGroupResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .leaf("return", true).leaf("groupId", g.id).tagSet(g.tags)
                    .close("CreateSecurityGroupResponse").toString();
        }
    }

    String describe(QueryParams p, String region, String requestId) {
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        Filters filters = Filters.parse(p, FILTERS);
        synchronized (world) {
            defaultGroup(world, region);
            List<Resources.SecurityGroup> chosen = new ArrayList<>();
            for (String id : ids) {
                chosen.add(find(id, region));
            }
            for (String name : names) {
                chosen.add(world.groups.values().stream().filter(g -> g.region.equals(region) && g.name.equals(name))
                        .findFirst().orElseThrow(() -> Ec2Error.client("InvalidGroup.NotFound",
                                "The security group '" + name + "' does not exist in default VPC")));
            }
            if (ids.isEmpty() && names.isEmpty()) {
                world.groups.values().stream().filter(g -> g.region.equals(region)).forEach(chosen::add);
            }
            Xml x = new Xml().openNs("DescribeSecurityGroupsResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .open("securityGroupInfo");
            for (Resources.SecurityGroup g : chosen) {
                if (filters.matches(g, g.tags, Network::field)) {
                    group(x, g);
                }
            }
            return x.close("securityGroupInfo").close("DescribeSecurityGroupsResponse").toString();
        }
    }

    private static List<String> field(Resources.SecurityGroup g, String name) {
        return switch (name) {
            case "group-name" -> List.of(g.name);
            case "group-id" -> List.of(g.id);
            case "vpc-id" -> List.of(InstanceXml.VPC_ID);
            case "description" -> List.of(g.description);
            default -> List.of();
        };
    }

    private void group(Xml x, Resources.SecurityGroup g) {
        x.open("item").leaf("ownerId", world.options.accountId()).leaf("groupId", g.id).leaf("groupName", g.name)
                .leaf("groupDescription", g.description).leaf("vpcId", InstanceXml.VPC_ID).open("ipPermissions");
        for (Resources.IngressRule r : g.ingress) {
            x.open("item").leaf("ipProtocol", r.protocol());
            if (!r.protocol().equals("-1")) {
                x.leaf("fromPort", r.fromPort()).leaf("toPort", r.toPort());
            }
            x.empty("groups").open("ipRanges").open("item").leaf("cidrIp", r.cidr()).close("item").close("ipRanges")
                    .empty("ipv6Ranges").empty("prefixListIds").close("item");
        }
        x.close("ipPermissions").open("ipPermissionsEgress").open("item").leaf("ipProtocol", "-1").empty("groups")
                .open("ipRanges").open("item").leaf("cidrIp", "0.0.0.0/0").close("item").close("ipRanges")
                .empty("ipv6Ranges").empty("prefixListIds").close("item").close("ipPermissionsEgress")
                .tagSet(g.tags).close("item");
    }

    private Resources.SecurityGroup find(String id, String region) {
        Resources.SecurityGroup g = world.groups.get(id);
        if (g == null || !g.region.equals(region)) {
            throw Ec2Error.client(id.startsWith("sg-") ? "InvalidGroup.NotFound" : "InvalidGroupId.Malformed",
                    "The security group '" + id + "' does not exist");
        }
        return g;
    }

    /** The group named by GroupId or GroupName. */
    private Resources.SecurityGroup target(QueryParams p, String region) {
        String id = p.get("GroupId");
        if (id != null) {
            return find(id, region);
        }
        String name = p.get("GroupName");
        if (name == null) {
            throw Ec2Error.missing("GroupId");
        }
        return world.groups.values().stream().filter(g -> g.region.equals(region) && g.name.equals(name))
                .findFirst().orElseThrow(() -> Ec2Error.client("InvalidGroup.NotFound",
                        "The security group '" + name + "' does not exist"));
    }

    String delete(QueryParams p, String region, String requestId) {
        synchronized (world) {
            world.tick();
            Resources.SecurityGroup g = target(p, region);
            if (g.name.equals("default")) {
                throw Ec2Error.client("CannotDelete", "the specified group: \"" + g.id + "\" name: \"default\""
                        + " cannot be deleted by a user");
            }
            boolean inUse = world.instances.values().stream()
                    .anyMatch(i -> i.live() && i.securityGroupIds.contains(g.id));
            if (inUse) {
                throw Ec2Error.client("DependencyViolation", "resource " + g.id + " has a dependent object");
            }
            world.groups.remove(g.id);
            return ok("DeleteSecurityGroupResponse", requestId);
        }
    }

    String authorize(QueryParams p, String region, String requestId) {
        synchronized (world) {
            Resources.SecurityGroup g = target(p, region);
            List<Resources.IngressRule> rules = rules(p);
            for (Resources.IngressRule r : rules) {
                if (g.ingress.contains(r)) {
                    throw Ec2Error.client("InvalidPermission.Duplicate", "the specified rule \"peer: " + r.cidr()
                            + ", " + r.protocol().toUpperCase() + ", from port: " + r.fromPort() + ", to port: "
                            + r.toPort() + ", ALLOW\" already exists");
                }
            }
            g.ingress.addAll(rules);
            return ok("AuthorizeSecurityGroupIngressResponse", requestId);
        }
    }

    String revoke(QueryParams p, String region, String requestId) {
        synchronized (world) {
            Resources.SecurityGroup g = target(p, region);
            List<Resources.IngressRule> rules = rules(p);
            for (Resources.IngressRule r : rules) {
                if (!g.ingress.contains(r)) {
                    throw Ec2Error.client("InvalidPermission.NotFound", "The specified rule does not exist in this"
                            + " security group.");
                }
            }
            g.ingress.removeAll(rules);
            return ok("RevokeSecurityGroupIngressResponse", requestId);
        }
    }

    /** IpPermissions.N (each with IpRanges.M), or the flat CidrIp/IpProtocol/FromPort/ToPort form. */
    private static List<Resources.IngressRule> rules(QueryParams p) {
        List<Resources.IngressRule> out = new ArrayList<>();
        for (QueryParams perm : p.structs("IpPermissions")) {
            String protocol = protocol(perm.required("IpProtocol"));
            int from = protocol.equals("-1") ? -1 : perm.requiredInt("FromPort");
            int to = protocol.equals("-1") ? -1 : perm.requiredInt("ToPort");
            checkPorts(protocol, from, to);
            List<QueryParams> ranges = perm.structs("IpRanges");
            if (ranges.isEmpty()) {
                throw Ec2Error.missing("IpPermissions.N.IpRanges");
            }
            for (QueryParams range : ranges) {
                out.add(new Resources.IngressRule(protocol, from, to, cidr(range.required("CidrIp"))));
            }
        }
        if (out.isEmpty() && p.get("CidrIp") != null) {
            String protocol = protocol(p.required("IpProtocol"));
            int from = protocol.equals("-1") ? -1 : p.requiredInt("FromPort");
            int to = protocol.equals("-1") ? -1 : p.requiredInt("ToPort");
            checkPorts(protocol, from, to);
            out.add(new Resources.IngressRule(protocol, from, to, cidr(p.get("CidrIp"))));
        }
        if (out.isEmpty()) {
            throw Ec2Error.missing("IpPermissions");
        }
        return out;
    }

    private static String protocol(String raw) {
        String p = raw.toLowerCase();
        return switch (p) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "-1", "all" -> "-1";
            default -> throw Ec2Error.invalid("Invalid value '" + raw + "' for IP protocol.");
        };
    }

    private static void checkPorts(String protocol, int from, int to) {
        if ((protocol.equals("tcp") || protocol.equals("udp")) && (from < 0 || to > 65535 || from > to)) {
            throw Ec2Error.invalid("Invalid port range: " + from + "-" + to);
        }
    }

    private static String cidr(String raw) {
        if (!raw.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            throw Ec2Error.invalid("CIDR block " + raw + " is malformed");
        }
        return raw;
    }

    static String ok(String root, String requestId) {
        return new Xml().openNs(root, Xml.EC2_NS).leaf("requestId", requestId).leaf("return", true).close(root)
                .toString();
    }
}
