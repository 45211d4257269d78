package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** DescribeInstances, TerminateInstances, StopInstances, StartInstances, and the changes that come from inside
 * (shutdown on the node) or from the cloud (spot preemption). */
final class InstanceActions {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Set<String> FILTERS = Set.of("instance-state-name", "instance-id", "availability-zone",
            "instance-type", "instance-lifecycle", "key-name", "image-id", "reservation-id", "client-token",
            "instance.group-id", "private-ip-address", "ip-address");

    private final Ec2World world;

    InstanceActions(Ec2World world) {
        this.world = world;
    }

    String describe(QueryParams p, String region, String requestId) {
        List<String> ids = p.list("InstanceId");
        Filters filters = Filters.parse(p, FILTERS);
        String maxRaw = p.get("MaxResults");
        if (maxRaw != null && !ids.isEmpty()) {
            throw Ec2Error.client("InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        int max = p.getInt("MaxResults", Integer.MAX_VALUE);
        if (maxRaw != null && (max < 5 || max > 1000)) {
            throw Ec2Error.invalid("Value ( " + max + " ) for parameter maxResults is invalid."
                    + " Expecting a value between 5 and 1000.");
        }
        int offset = offset(p.get("NextToken"));
        synchronized (world) {
            world.tick();
            long now = world.now();
            List<EmulatedInstance> chosen = new ArrayList<>();
            if (!ids.isEmpty()) {
                for (String id : ids) {
                    chosen.add(visible(id, region, now));
                }
            } else {
                world.instances.values().stream()
                        .filter(i -> i.region.equals(region) && now >= i.visibleAtMillis).forEach(chosen::add);
            }
            List<EmulatedInstance> matching = chosen.stream()
                    .filter(i -> filters.matches(i, i.tags, InstanceActions::field)).toList();
            int end = (int) Math.min(matching.size(), (long) offset + max);
            List<EmulatedInstance> page = offset >= matching.size() ? List.of() : matching.subList(offset, end);
            Map<String, List<EmulatedInstance>> byReservation = new LinkedHashMap<>();
            page.forEach(i -> byReservation.computeIfAbsent(i.reservationId, k -> new ArrayList<>()).add(i));
            Xml x = new Xml().openNs("DescribeInstancesResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .open("reservationSet");
            byReservation.forEach((rid, members) -> {
                x.open("item");
                InstanceXml.reservationBody(x, rid, world.options.accountId(), members, world.groups, world.volumes);
                x.close("item");
            });
            x.close("reservationSet");
            if (end < matching.size()) {
                x.leaf("nextToken", "page-" + end);
            }
            return x.close("DescribeInstancesResponse").toString();
        }
    }

    private static int offset(String nextToken) {
        if (nextToken == null) {
            return 0;
        }
        try {
            if (nextToken.startsWith("page-")) {
                return Integer.parseInt(nextToken.substring(5));
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw Ec2Error.invalid("Invalid value for NextToken: " + nextToken);
    }

    private static List<String> field(EmulatedInstance i, String name) {
        if (name.equals("instance.group-id")) {
            return i.securityGroupIds;
        }
        String v = switch (name) {
            case "instance-state-name" -> i.state.wireName;
            case "instance-id" -> i.id;
            case "availability-zone" -> i.zone;
            case "instance-type" -> i.instanceType;
            case "instance-lifecycle" -> i.spot ? "spot" : null;
            case "key-name" -> i.keyName;
            case "image-id" -> i.imageId;
            case "reservation-id" -> i.reservationId;
            case "client-token" -> i.clientToken;
            case "private-ip-address" -> i.privateIp;
            case "ip-address" -> i.publicIp;
            default -> null;
        };
        return v == null ? List.of() : List.of(v);
    }

    /** The instance, as DescribeInstances may see it now; NotFound while eventual consistency hides it. */
    private EmulatedInstance visible(String id, String region, long now) {
        if (!INSTANCE_ID.matcher(id).matches()) {
            throw Ec2Error.client("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
        }
        EmulatedInstance i = world.instances.get(id);
        if (i == null || !i.region.equals(region) || now < i.visibleAtMillis) {
            throw Ec2Error.instanceNotFound(id);
        }
        return i;
    }

    /** The instances named by InstanceId.N, all of which must exist (else the whole call fails, as in EC2). */
    private List<EmulatedInstance> named(QueryParams p, String region) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw Ec2Error.missing("InstanceId");
        }
        List<EmulatedInstance> out = new ArrayList<>();
        for (String id : ids) {
            out.add(named(id, region));
        }
        return out;
    }

    String terminate(QueryParams p, String region, String requestId) {
        synchronized (world) {
            world.tick();
            List<EmulatedInstance> targets = named(p, region);
            Ec2Error injected = world.faults.takeTerminateFailure();
            if (injected != null) {
                throw injected;
            }
            Xml x = start("TerminateInstancesResponse", requestId);
            if (world.faults.takeSilentTermination()) {
                for (EmulatedInstance i : targets) {
                    InstanceXml.stateChange(x, i.id, i.state, InstanceState.SHUTTING_DOWN);
                }
                return end(x, "TerminateInstancesResponse");
            }
            for (EmulatedInstance i : targets) {
                InstanceState before = i.state;
                if (before != InstanceState.TERMINATED && before != InstanceState.SHUTTING_DOWN) {
                    world.transition(i, InstanceState.SHUTTING_DOWN, "Client.UserInitiatedShutdown",
                            "Client.UserInitiatedShutdown: User initiated shutdown");
                }
                InstanceXml.stateChange(x, i.id, before, i.state);
            }
            return end(x, "TerminateInstancesResponse");
        }
    }

    String stop(QueryParams p, String region, String requestId) {
        synchronized (world) {
            world.tick();
            List<EmulatedInstance> targets = named(p, region);
            for (EmulatedInstance i : targets) {
                if (i.spot) {
                    throw Ec2Error.client("UnsupportedOperation", "The instance '" + i.id + "' is a spot instance"
                            + " and cannot be stopped.");
                }
                if (i.state == InstanceState.TERMINATED || i.state == InstanceState.SHUTTING_DOWN) {
                    throw Ec2Error.client("IncorrectInstanceState", "This instance '" + i.id + "' is not in a state"
                            + " from which it can be stopped.");
                }
            }
            Xml x = start("StopInstancesResponse", requestId);
            for (EmulatedInstance i : targets) {
                InstanceState before = i.state;
                if (before == InstanceState.PENDING || before == InstanceState.RUNNING) {
                    world.transition(i, InstanceState.STOPPING, "Client.UserInitiatedShutdown",
                            "Client.UserInitiatedShutdown: User initiated shutdown");
                }
                InstanceXml.stateChange(x, i.id, before, i.state);
            }
            return end(x, "StopInstancesResponse");
        }
    }

    String startInstances(QueryParams p, String region, String requestId) {
        synchronized (world) {
            world.tick();
            List<EmulatedInstance> targets = named(p, region);
            for (EmulatedInstance i : targets) {
                if (i.state != InstanceState.STOPPED && i.state != InstanceState.RUNNING
                        && i.state != InstanceState.PENDING) {
                    throw Ec2Error.client("IncorrectInstanceState", "The instance '" + i.id + "' is not in a state"
                            + " from which it can be started.");
                }
            }
            Xml x = start("StartInstancesResponse", requestId);
            for (EmulatedInstance i : targets) {
                InstanceState before = i.state;
                if (before == InstanceState.STOPPED) {
                    world.transition(i, InstanceState.PENDING, null, null);
                }
                InstanceXml.stateChange(x, i.id, before, i.state);
            }
            return end(x, "StartInstancesResponse");
        }
    }

    /** ModifyInstanceAttribute, for the one attribute sky changes: InstanceInitiatedShutdownBehavior. */
    String modifyAttribute(QueryParams p, String region, String requestId) {
        String id = p.required("InstanceId");
        String value = p.struct("InstanceInitiatedShutdownBehavior").get("Value");
        String attribute = p.get("Attribute");
        if (value == null && attribute != null) {
            if (!attribute.equals("instanceInitiatedShutdownBehavior")) {
                throw unsupportedAttribute(attribute);
            }
            value = p.required("Value");
        }
        if (value == null) {
            throw unsupportedAttribute(p.asMap().keySet().stream()
                    .filter(k -> !k.equals("Action") && !k.equals("Version") && !k.equals("InstanceId"))
                    .findFirst().orElse("(none)"));
        }
        if (!value.equals("stop") && !value.equals("terminate")) {
            throw Ec2Error.invalid("Invalid value '" + value + "' for InstanceInitiatedShutdownBehavior");
        }
        synchronized (world) {
            world.tick();
            EmulatedInstance i = named(id, region);
            i.shutdownBehavior = value;
            return Network.ok("ModifyInstanceAttributeResponse", requestId);
        }
    }

    String describeAttribute(QueryParams p, String region, String requestId) {
        String id = p.required("InstanceId");
        String attribute = p.required("Attribute");
        if (!attribute.equals("instanceInitiatedShutdownBehavior")) {
            throw unsupportedAttribute(attribute);
        }
        synchronized (world) {
            world.tick();
            EmulatedInstance i = named(id, region);
            return new Xml().openNs("DescribeInstanceAttributeResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .leaf("instanceId", i.id).open("instanceInitiatedShutdownBehavior")
                    .leaf("value", i.shutdownBehavior).close("instanceInitiatedShutdownBehavior")
                    .close("DescribeInstanceAttributeResponse").toString();
        }
    }

    private static Ec2Error unsupportedAttribute(String attribute) {
        return Ec2Error.client("UnsupportedOperation", "The EC2 emulator handles only the attribute"
                + " instanceInitiatedShutdownBehavior, not " + attribute);
    }

    private EmulatedInstance named(String id, String region) {
        if (!INSTANCE_ID.matcher(id).matches()) {
            throw Ec2Error.client("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
        }
        EmulatedInstance i = world.instances.get(id);
        if (i == null || !i.region.equals(region)) {
            throw Ec2Error.instanceNotFound(id);
        }
        return i;
    }

    /** A shutdown from inside the node: the instance stops or terminates, as its shutdown behavior says. */
    void shutdownFromInside(String instanceId) {
        synchronized (world) {
            world.tick();
            EmulatedInstance i = world.instances.get(instanceId);
            if (i == null || (i.state != InstanceState.RUNNING && i.state != InstanceState.PENDING)) {
                return;
            }
            boolean terminate = i.shutdownBehavior.equals("terminate") || i.spot;
            world.transition(i, terminate ? InstanceState.SHUTTING_DOWN : InstanceState.STOPPING,
                    "Client.InstanceInitiatedShutdown",
                    "Client.InstanceInitiatedShutdown: Instance initiated shutdown");
        }
    }

    /** The cloud takes a spot instance back. */
    void preempt(String instanceId) {
        synchronized (world) {
            world.tick();
            EmulatedInstance i = world.instances.get(instanceId);
            if (i == null || !i.live()) {
                throw new IllegalArgumentException("no live instance " + instanceId);
            }
            if (!i.spot) {
                throw new IllegalArgumentException(instanceId + " is not a spot instance");
            }
            world.transition(i, InstanceState.SHUTTING_DOWN, "Server.SpotInstanceTermination",
                    "Server.SpotInstanceTermination: Spot instance termination");
        }
    }

    private static Xml start(String root, String requestId) {
        return new Xml().openNs(root, Xml.EC2_NS).leaf("requestId", requestId).open("instancesSet");
    }

    private static String end(Xml x, String root) {
        return x.close("instancesSet").close(root).toString();
    }
}
