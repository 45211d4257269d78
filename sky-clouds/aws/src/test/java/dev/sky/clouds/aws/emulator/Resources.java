package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emulator's non-instance resources. Mutable; guarded by the {@link Ec2World} lock. */
final class Resources {
    private Resources() {}

    /** One ingress rule: protocol ("tcp", "udp", "icmp" or "-1"), port range, and its IPv4 ranges. */
    record IngressRule(String protocol, int fromPort, int toPort, String cidr) {}

    static final class SecurityGroup {
        final String id;
        final String region;
        final String name;
        final String description;
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<IngressRule> ingress = new ArrayList<>();

        SecurityGroup(String id, String region, String name, String description) {
            this.id = id;
            this.region = region;
            this.name = name;
            this.description = description;
        }
    }

    static final class KeyPair {
        final String id;
        final String region;
        final String name;
        final String publicKey;
        final String fingerprint;
        final Map<String, String> tags = new LinkedHashMap<>();

        KeyPair(String id, String region, String name, String publicKey, String fingerprint) {
            this.id = id;
            this.region = region;
            this.name = name;
            this.publicKey = publicKey;
            this.fingerprint = fingerprint;
        }
    }

    static final class Volume {
        final String id;
        final String region;
        final String zone;
        final int sizeGb;
        final String type;
        final String device;
        final boolean deleteOnTermination;
        final Map<String, String> tags = new LinkedHashMap<>();
        /** The instance it is attached to, or null when available. */
        String instanceId;
        /** Provisioned IOPS and MiB/s, or null when the request set none. */
        Integer iops;
        Integer throughput;

        Volume(String id, String region, String zone, int sizeGb, String type, String device,
               boolean deleteOnTermination, String instanceId) {
            this.id = id;
            this.region = region;
            this.zone = zone;
            this.sizeGb = sizeGb;
            this.type = type;
            this.device = device;
            this.deleteOnTermination = deleteOnTermination;
            this.instanceId = instanceId;
        }
    }
}
