package dev.sky.clouds.aws.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** RunInstances: validation as strict as EC2's, ClientToken idempotency, capacity and quota faults. */
final class RunInstances {
    private static final Pattern AMI = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    private static final Set<String> VOLUME_TYPES = Set.of("standard", "gp2", "gp3", "io1", "io2", "st1", "sc1");
    private static final Set<String> TAGGABLE = Set.of("instance", "volume", "network-interface",
            "spot-instances-request");
    private static final String ROOT_DEVICE = "/dev/sda1";

    private final Ec2World world;

    RunInstances(Ec2World world) {
        this.world = world;
    }

    /** A block device the request asked for. */
    private record Disk(String device, int sizeGb, String type, boolean deleteOnTermination, Integer iops,
                        Integer throughput) {}

    String run(QueryParams p, String region, String requestId) {
        String imageId = resolveImage(p.required("ImageId"), region);
        int min = p.requiredInt("MinCount");
        int max = p.requiredInt("MaxCount");
        String type = p.get("InstanceType", "m1.small");
        String token = p.get("ClientToken");
        synchronized (world) {
            world.tick();
            if (token != null) {
                Ec2World.TokenRecord done = world.tokens.get(region + "|" + token);
                if (done != null) {
                    if (!done.request().equals(p.asMap())) {
                        throw Ec2Error.client("IdempotentParameterMismatch", "Arguments on this idempotent"
                                + " request are inconsistent with arguments used in previous request(s).");
                    }
                    return answer(done.reservationId(), done.instanceIds(), requestId);
                }
            }
            if (!TYPE.matcher(type).matches()) {
                throw Ec2Error.invalid("Invalid value '" + type + "' for InstanceType.");
            }
            if (min < 1 || max < min) {
                throw Ec2Error.invalid("MinCount must be at least 1 and at most MaxCount (MinCount=" + min
                        + ", MaxCount=" + max + ")");
            }
            if (p.getBoolean("DryRun", false)) {
                throw new Ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
            }
            String keyName = p.get("KeyName");
            if (keyName != null && keys(region, keyName) == null) {
                throw Ec2Error.client("InvalidKeyPair.NotFound", "The key pair '" + keyName + "' does not exist");
            }
            List<String> groupIds = groups(p, region);
            boolean spot = spot(p);
            String shutdown = p.get("InstanceInitiatedShutdownBehavior", "stop");
            if (!shutdown.equals("stop") && !shutdown.equals("terminate")) {
                throw Ec2Error.invalid("Invalid value '" + shutdown + "' for InstanceInitiatedShutdownBehavior");
            }
            List<Disk> disks = disks(p);
            Map<String, Map<String, String>> tags = tagSpecifications(p);
            List<String> authorized = new ArrayList<>();
            if (keyName != null) {
                authorized.add(keys(region, keyName).publicKey);
            }
            String userData = p.get("UserData");
            if (userData != null) {
                authorized.addAll(CloudInit.authorizedKeys(CloudInit.decode(userData)));
            }
            String zone = zone(p.struct("Placement").get("AvailabilityZone"), region, type);
            int count = Math.min(max, Math.min(world.faults.capacityLimit(zone), roomIn(zone)));
            if (count < min) {
                throw Ec2Error.insufficientCapacity(type, zone);
            }
            count = withinQuotas(region, type, min, count);
            int createThenFail = world.faults.takeCreateThenFail();
            if (createThenFail >= 0) {
                count = Math.min(count, createThenFail);
            }
            String reservationId = Ec2World.newId("r");
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                ids.add(create(n, reservationId, region, zone, type, imageId, keyName, groupIds, spot, shutdown,
                        token, p.get("SubnetId"), authorized, disks, tags));
            }
            if (token != null) {
                world.tokens.put(region + "|" + token, new Ec2World.TokenRecord(p.asMap(), reservationId, ids));
            }
            if (createThenFail >= 0) {
                throw Ec2Error.insufficientCapacity(type, zone);
            }
            return answer(reservationId, ids, requestId);
        }
    }

    private String create(int index, String reservationId, String region, String zone, String type,
                          String imageId, String keyName, List<String> groupIds, boolean spot, String shutdown,
                          String token, String subnetId, List<String> authorized, List<Disk> disks,
                          Map<String, Map<String, String>> tags) {
        String id = Ec2World.newId("i");
        EmulatedInstance i = new EmulatedInstance(id, reservationId, region, zone, type, imageId, keyName,
                groupIds, spot, shutdown, token, subnetId, index, Instant.now(), authorized);
        i.tags.putAll(tags.getOrDefault("instance", Map.of()));
        for (Disk d : disks) {
            Resources.Volume v = new Resources.Volume(Ec2World.newId("vol"), region, zone, d.sizeGb(), d.type(),
                    d.device(), d.deleteOnTermination(), id);
            v.iops = d.iops();
            v.throughput = d.throughput();
            v.tags.putAll(tags.getOrDefault("volume", Map.of()));
            world.volumes.put(v.id, v);
            i.volumeIds.add(v.id);
        }
        i.visibleAtMillis = world.now() + world.faults.invisibleMillis();
        world.instances.put(id, i);
        world.transition(i, InstanceState.PENDING, null, null);
        return id;
    }

    private String answer(String reservationId, List<String> ids, String requestId) {
        List<EmulatedInstance> members = ids.stream().map(world.instances::get).filter(i -> i != null).toList();
        Xml x = new Xml().openNs("RunInstancesResponse", Xml.EC2_NS).leaf("requestId", requestId);
        InstanceXml.reservationBody(x, reservationId, world.options.accountId(), members, world.groups,
                world.volumes);
        return x.close("RunInstancesResponse").toString();
    }

    private static String resolveImage(String imageId, String region) {
        if (imageId.startsWith("resolve:ssm:")) {
            String parameter = imageId.substring("resolve:ssm:".length());
            if (!parameter.startsWith("/aws/service/")) {
                throw Ec2Error.invalid("Unable to resolve the SSM parameter " + parameter + " in " + region);
            }
            return "ami-0" + String.format("%016x", (long) (region + parameter).hashCode() * 0x9E3779B97F4A7C15L);
        }
        if (!AMI.matcher(imageId).matches()) {
            throw Ec2Error.client("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        return imageId;
    }

    private Resources.KeyPair keys(String region, String name) {
        return world.keyPairs.values().stream().filter(k -> k.region.equals(region) && k.name.equals(name))
                .findFirst().orElse(null);
    }

    private List<String> groups(QueryParams p, String region) {
        List<String> ids = new ArrayList<>();
        for (String id : p.list("SecurityGroupId")) {
            Resources.SecurityGroup g = world.groups.get(id);
            if (g == null || !g.region.equals(region)) {
                throw Ec2Error.client("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
            ids.add(id);
        }
        for (String name : p.list("SecurityGroup")) {
            ids.add(world.groups.values().stream().filter(g -> g.region.equals(region) && g.name.equals(name))
                    .findFirst().orElseThrow(() -> Ec2Error.client("InvalidGroup.NotFound",
                            "The security group '" + name + "' does not exist in default VPC")).id);
        }
        if (ids.isEmpty()) {
            ids.add(Network.defaultGroup(world, region).id);
        }
        return ids;
    }

    private static boolean spot(QueryParams p) {
        String market = p.struct("InstanceMarketOptions").get("MarketType");
        if (market != null && !market.equals("spot") && !market.equals("capacity-block")) {
            throw Ec2Error.invalid("Invalid value '" + market + "' for InstanceMarketOptions.MarketType");
        }
        return "spot".equals(market);
    }

    private static List<Disk> disks(QueryParams p) {
        List<Disk> out = new ArrayList<>();
        for (QueryParams m : p.structs("BlockDeviceMapping")) {
            String device = m.required("DeviceName");
            QueryParams ebs = m.struct("Ebs");
            if (!m.present("Ebs")) {
                continue; // ephemeral or NoDevice mappings make no volume
            }
            String type = ebs.get("VolumeType", "gp2");
            if (!VOLUME_TYPES.contains(type)) {
                throw Ec2Error.invalid("Value (" + type + ") for parameter volumeType is invalid.");
            }
            int size = ebs.getInt("VolumeSize", 8);
            if (size < 1 || size > 16384) {
                throw Ec2Error.invalid("Volume of " + size + "GiB is outside the range 1-16384 GiB.");
            }
            Integer iops = ebs.present("Iops") ? ebs.getInt("Iops", 0) : null;
            Integer throughput = ebs.present("Throughput") ? ebs.getInt("Throughput", 0) : null;
            checkPerformance(type, size, iops, throughput);
            out.add(new Disk(device, size, type, ebs.getBoolean("DeleteOnTermination", true), iops, throughput));
        }
        if (out.stream().noneMatch(d -> d.device().equals(ROOT_DEVICE))) {
            out.add(0, new Disk(ROOT_DEVICE, 8, "gp2", true, null, null));
        }
        return out;
    }

    /** EC2's limits on provisioned IOPS and throughput per volume type (EBS volume types documentation). */
    private static void checkPerformance(String type, int sizeGb, Integer iops, Integer throughput) {
        if (throughput != null && !type.equals("gp3")) {
            throw new Ec2Error(400, "InvalidParameterCombination", "The parameter throughput is not supported for "
                    + type + " volumes.");
        }
        switch (type) {
            case "gp3" -> {
                if (iops != null && (iops < 3000 || iops > 16000 || iops > 500 * sizeGb)) {
                    throw Ec2Error.invalid("Volume iops of " + iops + " is outside the range 3000-16000 (and at most"
                            + " 500 per GiB).");
                }
                if (throughput != null && (throughput < 125 || throughput > 1000
                        || throughput * 4L > (iops == null ? 3000 : iops))) {
                    throw Ec2Error.invalid("Throughput of " + throughput + " MiB/s is outside the range 125-1000"
                            + " (and at most 0.25 MiB/s per IOPS).");
                }
            }
            case "io1", "io2" -> {
                if (iops == null) {
                    throw Ec2Error.missing("iops");
                }
                int perGb = type.equals("io2") ? 1000 : 50;
                if (iops < 100 || iops > (type.equals("io2") ? 256000 : 64000) || iops > perGb * sizeGb) {
                    throw Ec2Error.invalid("Volume iops of " + iops + " is outside the range for " + type + ".");
                }
            }
            default -> {
                if (iops != null) {
                    throw new Ec2Error(400, "InvalidParameterCombination", "The parameter iops is not supported"
                            + " for " + type + " volumes.");
                }
            }
        }
    }

    static Map<String, Map<String, String>> tagSpecifications(QueryParams p) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (QueryParams spec : p.structs("TagSpecification")) {
            String type = spec.required("ResourceType");
            if (!TAGGABLE.contains(type) && !type.equals("security-group") && !type.equals("key-pair")) {
                throw Ec2Error.invalid("'" + type + "' is not a valid taggable resource type for this operation.");
            }
            Map<String, String> tags = out.computeIfAbsent(type, k -> new LinkedHashMap<>());
            for (QueryParams t : spec.structs("Tag")) {
                tags.put(t.required("Key"), t.get("Value", ""));
            }
        }
        return out;
    }

    private String zone(String requested, String region, String type) {
        List<String> zones = Catalog.get().zones(region);
        if (requested != null) {
            if (!zones.contains(requested)) {
                throw Ec2Error.invalid("Invalid availability zone: [" + requested + "]");
            }
            if (!world.faults.hasCapacity(requested, type)) {
                throw Ec2Error.insufficientCapacity(type, requested);
            }
            return requested;
        }
        return zones.stream().filter(z -> world.faults.hasCapacity(z, type) && roomIn(z) > 0).findFirst()
                .orElseThrow(() -> Ec2Error.insufficientCapacity(type, zones.get(0)));
    }

    /** How many more instances {@code zone} has room for ({@link Faults#zoneCapacity}). */
    private int roomIn(String zone) {
        int cap = world.faults.zoneCapacity(zone);
        if (cap == Integer.MAX_VALUE) {
            return cap;
        }
        long live = world.instances.values().stream().filter(i -> i.live() && i.zone.equals(zone)).count();
        return (int) Math.max(0, cap - live);
    }

    /** Fits the count within the region's quotas the way EC2 does: at least MinCount, or the request fails. */
    private int withinQuotas(String region, String type, int min, int count) {
        List<EmulatedInstance> live = world.instances.values().stream()
                .filter(i -> i.live() && i.region.equals(region)).toList();
        Integer instanceQuota = world.faults.instanceQuota(region);
        if (instanceQuota != null) {
            if (live.size() + min > instanceQuota) {
                throw Ec2Error.client("InstanceLimitExceeded", "You have requested more instances (" + min
                        + ") than your current instance limit of " + instanceQuota + " allows for the specified"
                        + " instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an"
                        + " adjustment to this limit.");
            }
            count = Math.min(count, instanceQuota - live.size());
        }
        Integer vcpuQuota = world.faults.vcpuQuota(region);
        if (vcpuQuota != null) {
            int used = live.stream().mapToInt(i -> Catalog.get().vcpus(i.instanceType)).sum();
            int each = Catalog.get().vcpus(type);
            if (used + each * min > vcpuQuota) {
                throw Ec2Error.client("VcpuLimitExceeded", "You have requested more vCPU capacity than your"
                        + " current vCPU limit of " + vcpuQuota + " allows for the instance bucket that the specified"
                        + " instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to"
                        + " request an adjustment to this limit.");
            }
            count = Math.min(count, (vcpuQuota - used) / each);
        }
        return count;
    }
}
