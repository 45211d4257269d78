package dev.sky.clouds.aws.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Writes instances, reservations and state changes in EC2's XML. */
final class InstanceXml {
    private InstanceXml() {}

    static final String VPC_ID = "vpc-0emulated000000001";

    /** One {@code <item>} of an {@code instancesSet}. */
    static void instance(Xml x, EmulatedInstance i, Map<String, Resources.SecurityGroup> groups,
                         Map<String, Resources.Volume> volumes) {
        x.open("item")
                .leaf("instanceId", i.id)
                .leaf("imageId", i.imageId);
        state(x, "instanceState", i.state);
        x.leaf("privateDnsName", i.privateIp == null ? null : "ip-" + i.privateIp.replace('.', '-') + ".ec2.internal")
                .leaf("dnsName", i.publicIp == null ? "" : "ec2-" + i.publicIp.replace('.', '-') + ".compute.emulated")
                .leaf("reason", i.stateReasonMessage == null ? "" : i.stateReasonMessage)
                .leaf("keyName", i.keyName)
                .leaf("amiLaunchIndex", i.launchIndex)
                .empty("productCodes")
                .leaf("instanceType", i.instanceType)
                .leaf("launchTime", time(i.launchTime))
                .open("placement").leaf("availabilityZone", i.zone).leaf("groupName", "").leaf("tenancy", "default")
                .close("placement")
                .open("monitoring").leaf("state", "disabled").close("monitoring")
                .leaf("subnetId", i.subnetId)
                .leaf("vpcId", VPC_ID)
                .leaf("privateIpAddress", i.privateIp)
                .leaf("ipAddress", i.publicIp)
                .leaf("sourceDestCheck", true);
        x.open("groupSet");
        for (String g : i.securityGroupIds) {
            Resources.SecurityGroup sg = groups.get(g);
            x.open("item").leaf("groupId", g).leaf("groupName", sg == null ? null : sg.name).close("item");
        }
        x.close("groupSet");
        if (i.stateReasonCode != null) {
            x.open("stateReason").leaf("code", i.stateReasonCode).leaf("message", i.stateReasonMessage)
                    .close("stateReason");
        }
        x.leaf("architecture", architecture(i.instanceType))
                .leaf("rootDeviceType", "ebs")
                .leaf("rootDeviceName", "/dev/sda1");
        x.open("blockDeviceMapping");
        for (String v : i.volumeIds) {
            Resources.Volume vol = volumes.get(v);
            if (vol != null && i.id.equals(vol.instanceId)) {
                x.open("item").leaf("deviceName", vol.device).open("ebs").leaf("volumeId", vol.id)
                        .leaf("status", "attached").leaf("attachTime", time(i.launchTime))
                        .leaf("deleteOnTermination", vol.deleteOnTermination).close("ebs").close("item");
            }
        }
        x.close("blockDeviceMapping");
        if (i.spot) {
            x.leaf("instanceLifecycle", "spot").leaf("spotInstanceRequestId", "sir-" + i.id.substring(2, 10));
        }
        x.leaf("virtualizationType", "hvm")
                .leaf("clientToken", i.clientToken == null ? "" : i.clientToken)
                .tagSet(i.tags)
                .leaf("hypervisor", "xen")
                .leaf("ebsOptimized", false)
                .open("metadataOptions").leaf("state", "applied").leaf("httpTokens", "required")
                .close("metadataOptions")
                .leaf("bootMode", "uefi-preferred")
                .close("item");
    }

    /** A reservation, as RunInstances answers it (body only) and as DescribeInstances lists it (in an item). */
    static void reservationBody(Xml x, String reservationId, String owner, List<EmulatedInstance> members,
                                Map<String, Resources.SecurityGroup> groups, Map<String, Resources.Volume> volumes) {
        x.leaf("reservationId", reservationId).leaf("ownerId", owner).empty("groupSet").open("instancesSet");
        members.forEach(i -> instance(x, i, groups, volumes));
        x.close("instancesSet");
    }

    /** Graviton families have a "g" after the generation (m6g, c6gn, x2gd); a1 is the first of them. */
    static String architecture(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.'));
        return family.matches("[a-z]+\\d+g[a-z]*") || family.equals("a1") ? "arm64" : "x86_64";
    }

    static void state(Xml x, String tag, InstanceState s) {
        x.open(tag).leaf("code", s.code).leaf("name", s.wireName).close(tag);
    }

    /** One item of the answer of TerminateInstances, StopInstances and StartInstances. */
    static void stateChange(Xml x, String id, InstanceState before, InstanceState now) {
        x.open("item").leaf("instanceId", id);
        state(x, "currentState", now);
        state(x, "previousState", before);
        x.close("item");
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
