package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateTags, DeleteTags, DescribeTags, DescribeVolumes, DeleteVolume, DescribeAvailabilityZones. */
final class TagsAndVolumes {
    private static final Set<String> VOLUME_FILTERS = Set.of("volume-id", "status", "attachment.instance-id",
            "availability-zone", "volume-type", "size");
    private static final Set<String> TAG_FILTERS = Set.of("resource-id", "resource-type", "key", "value");

    private final Ec2World world;

    TagsAndVolumes(Ec2World world) {
        this.world = world;
    }

    /** A taggable resource's tags, or the NotFound error for its kind. */
    private Map<String, String> tagsOf(String id, String region, long now) {
        if (id.startsWith("i-")) {
            EmulatedInstance i = world.instances.get(id);
            if (i == null || !i.region.equals(region) || now < i.visibleAtMillis) {
                throw Ec2Error.instanceNotFound(id);
            }
            return i.tags;
        }
        if (id.startsWith("sg-") && world.groups.containsKey(id) && world.groups.get(id).region.equals(region)) {
            return world.groups.get(id).tags;
        }
        if (id.startsWith("vol-") && world.volumes.containsKey(id) && world.volumes.get(id).region.equals(region)) {
            return world.volumes.get(id).tags;
        }
        if (id.startsWith("key-") && world.keyPairs.containsKey(id)) {
            return world.keyPairs.get(id).tags;
        }
        throw Ec2Error.client("InvalidID", "The ID '" + id + "' is not valid");
    }

    String createTags(QueryParams p, String region, String requestId) {
        List<String> ids = required(p.list("ResourceId"), "ResourceId");
        List<QueryParams> tags = p.structs("Tag");
        if (tags.isEmpty()) {
            throw Ec2Error.missing("Tag");
        }
        synchronized (world) {
            long now = world.now();
            List<Map<String, String>> targets = new ArrayList<>();
            for (String id : ids) {
                targets.add(tagsOf(id, region, now));
            }
            for (Map<String, String> t : targets) {
                for (QueryParams tag : tags) {
                    t.put(tag.required("Key"), tag.get("Value", ""));
                }
            }
            return Network.ok("CreateTagsResponse", requestId);
        }
    }

    String deleteTags(QueryParams p, String region, String requestId) {
        List<String> ids = required(p.list("ResourceId"), "ResourceId");
        synchronized (world) {
            long now = world.now();
            for (String id : ids) {
                Map<String, String> t = tagsOf(id, region, now);
                List<QueryParams> tags = p.structs("Tag");
                if (tags.isEmpty()) {
                    t.clear();
                }
                for (QueryParams tag : tags) {
                    String key = tag.required("Key");
                    String value = tag.get("Value");
                    if (value == null || value.equals(t.get(key))) {
                        t.remove(key);
                    }
                }
            }
            return Network.ok("DeleteTagsResponse", requestId);
        }
    }

    /** One tag of one resource, for DescribeTags. */
    private record TagRow(String resourceId, String resourceType, String key, String value) {}

    String describeTags(QueryParams p, String region, String requestId) {
        Filters filters = Filters.parse(p, TAG_FILTERS);
        synchronized (world) {
            world.tick();
            List<TagRow> rows = new ArrayList<>();
            world.instances.values().stream().filter(i -> i.region.equals(region))
                    .forEach(i -> i.tags.forEach((k, v) -> rows.add(new TagRow(i.id, "instance", k, v))));
            world.volumes.values().stream().filter(v -> v.region.equals(region))
                    .forEach(vol -> vol.tags.forEach((k, v) -> rows.add(new TagRow(vol.id, "volume", k, v))));
            world.groups.values().stream().filter(g -> g.region.equals(region))
                    .forEach(g -> g.tags.forEach((k, v) -> rows.add(new TagRow(g.id, "security-group", k, v))));
            world.keyPairs.values().stream().filter(kp -> kp.region.equals(region))
                    .forEach(kp -> kp.tags.forEach((k, v) -> rows.add(new TagRow(kp.id, "key-pair", k, v))));
            Xml x = new Xml().openNs("DescribeTagsResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .open("tagSet");
            for (TagRow r : rows) {
                if (filters.matches(r, Map.of(), TagsAndVolumes::tagField)) {
                    x.open("item").leaf("resourceId", r.resourceId()).leaf("resourceType", r.resourceType())
                            .leaf("key", r.key()).leaf("value", r.value()).close("item");
                }
            }
            return x.close("tagSet").close("DescribeTagsResponse").toString();
        }
    }

    private static List<String> tagField(TagRow r, String name) {
        return switch (name) {
            case "resource-id" -> List.of(r.resourceId());
            case "resource-type" -> List.of(r.resourceType());
            case "key" -> List.of(r.key());
            case "value" -> List.of(r.value());
            default -> List.of();
        };
    }

    String describeVolumes(QueryParams p, String region, String requestId) {
        List<String> ids = p.list("VolumeId");
        Filters filters = Filters.parse(p, VOLUME_FILTERS);
        synchronized (world) {
            world.tick();
            Map<String, Resources.Volume> chosen = new LinkedHashMap<>();
            for (String id : ids) {
                Resources.Volume v = world.volumes.get(id);
                if (v == null || !v.region.equals(region)) {
                    throw Ec2Error.client("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
                }
                chosen.put(id, v);
            }
            if (ids.isEmpty()) {
                world.volumes.values().stream().filter(v -> v.region.equals(region)).forEach(v -> chosen.put(v.id, v));
            }
            Xml x = new Xml().openNs("DescribeVolumesResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .open("volumeSet");
            for (Resources.Volume v : chosen.values()) {
                if (!filters.matches(v, v.tags, TagsAndVolumes::volumeField)) {
                    continue;
                }
                x.open("item").leaf("volumeId", v.id).leaf("size", v.sizeGb).leaf("snapshotId", "")
                        .leaf("availabilityZone", v.zone).leaf("status", status(v))
                        .leaf("createTime", "2026-01-01T00:00:00.000Z").open("attachmentSet");
                if (v.instanceId != null) {
                    x.open("item").leaf("volumeId", v.id).leaf("instanceId", v.instanceId).leaf("device", v.device)
                            .leaf("status", "attached").leaf("attachTime", "2026-01-01T00:00:00.000Z")
                            .leaf("deleteOnTermination", v.deleteOnTermination).close("item");
                }
                x.close("attachmentSet").leaf("volumeType", v.type);
                if (v.iops != null) {
                    x.leaf("iops", v.iops);
                }
                if (v.throughput != null) {
                    x.leaf("throughput", v.throughput);
                }
                x.tagSet(v.tags).leaf("encrypted", false).close("item");
            }
            return x.close("volumeSet").close("DescribeVolumesResponse").toString();
        }
    }

    private static String status(Resources.Volume v) {
        return v.instanceId == null ? "available" : "in-use";
    }

    private static List<String> volumeField(Resources.Volume v, String name) {
        return switch (name) {
            case "volume-id" -> List.of(v.id);
            case "status" -> List.of(status(v));
            case "attachment.instance-id" -> v.instanceId == null ? List.of() : List.of(v.instanceId);
            case "availability-zone" -> List.of(v.zone);
            case "volume-type" -> List.of(v.type);
            case "size" -> List.of(Integer.toString(v.sizeGb));
            default -> List.of();
        };
    }

    String deleteVolume(QueryParams p, String region, String requestId) {
        String id = p.required("VolumeId");
        synchronized (world) {
            world.tick();
            Resources.Volume v = world.volumes.get(id);
            if (v == null || !v.region.equals(region)) {
                throw Ec2Error.client("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
            if (v.instanceId != null) {
                throw Ec2Error.client("VolumeInUse", "Volume " + id + " is currently attached to " + v.instanceId);
            }
            world.volumes.remove(id);
            return Network.ok("DeleteVolumeResponse", requestId);
        }
    }

    String describeZones(QueryParams p, String region, String requestId) {
        List<String> wanted = p.list("ZoneName");
        Xml x = new Xml().openNs("DescribeAvailabilityZonesResponse", Xml.EC2_NS).leaf("requestId", requestId)
                .open("availabilityZoneInfo");
        int n = 0;
        for (String z : Catalog.get().zones(region)) {
            n++;
            if (wanted.isEmpty() || wanted.contains(z)) {
                x.open("item").leaf("zoneName", z).leaf("zoneState", "available").leaf("regionName", region)
                        .leaf("zoneId", region.replace("-", "").substring(0, 4) + "-az" + n)
                        .leaf("zoneType", "availability-zone").leaf("optInStatus", "opt-in-not-required")
                        .empty("messageSet").close("item");
            }
        }
        return x.close("availabilityZoneInfo").close("DescribeAvailabilityZonesResponse").toString();
    }

    private static List<String> required(List<String> values, String name) {
        if (values.isEmpty()) {
            throw Ec2Error.missing(name + ".1");
        }
        return values;
    }
}
