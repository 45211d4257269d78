package dev.sky.clouds.aws.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The tags sky puts on everything it creates on EC2, and the filters that find them again. */
final class AwsTags {
    /** SkyPilot's tag for the cluster name, so that its tooling recognizes sky's instances. */
    static final String CLUSTER = "skypilot-cluster-name";
    static final String RANK = "sky-node-rank";
    static final String USER = "sky-user-id";
    static final String MANAGED = "sky-managed";
    /** Set by the emulator (and any image whose SSH is not on 22). */
    static final String SSH_PORT = "sky-ssh-port";
    static final String SSH_USER = "sky-ssh-user";

    private AwsTags() {}

    /** The tags of a resource of {@code cluster} ({@code rank} -1 for cluster-wide ones), user labels first. */
    static Map<String, String> of(String userId, String cluster, int rank, Map<String, String> labels) {
        Map<String, String> tags = new LinkedHashMap<>(labels);
        tags.put(MANAGED, "true");
        tags.put(USER, userId);
        if (cluster != null) {
            tags.put(CLUSTER, cluster);
        }
        if (rank >= 0) {
            tags.put(RANK, Integer.toString(rank));
        }
        tags.put("Name", cluster == null ? "sky-" + userId : "sky-" + cluster + (rank > 0 ? "-worker" + rank
                : rank == 0 ? "-head" : ""));
        return tags;
    }

    static List<Tag> list(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    static TagSpecification spec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(list(tags)).build();
    }

    /** Filters for this user's resources of {@code cluster} (every cluster when null). */
    static List<Filter> filters(String userId, String cluster) {
        List<Filter> f = new ArrayList<>();
        f.add(Filter.builder().name("tag:" + USER).values(userId).build());
        if (cluster != null) {
            f.add(Filter.builder().name("tag:" + CLUSTER).values(cluster).build());
        }
        return f;
    }

    static String get(List<Tag> tags, String key) {
        for (Tag t : tags) {
            if (key.equals(t.key())) {
                return t.value();
            }
        }
        return null;
    }
}
