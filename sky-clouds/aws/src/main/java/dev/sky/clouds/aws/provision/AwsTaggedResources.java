package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.TaggedResource;
import dev.sky.provision.spi.TaggedResources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/**
 * What {@code sky gc} sees on AWS: this user's instances (not yet terminated), volumes, security groups and key pairs,
 * found by the {@code sky-user-id} tag. Deletion goes instances first (volumes and groups are in use until they end).
 */
final class AwsTaggedResources implements TaggedResources {
    static final String INSTANCE = "instance";
    static final String VOLUME = "volume";
    static final String SECURITY_GROUP = "security-group";
    static final String KEY_PAIR = "key-pair";

    private final AwsProvisioner p;
    private final dev.sky.core.SkyPaths paths;

    AwsTaggedResources(AwsProvisioner p, dev.sky.core.SkyPaths paths) {
        this.p = p;
        this.paths = paths;
    }

    @Override
    public List<TaggedResource> list(Collection<String> regions) {
        List<TaggedResource> out = new ArrayList<>();
        for (String region : regions.isEmpty() ? enabledRegions() : regions) {
            Ec2Calls c = p.calls(region);
            for (Instance i : ClusterInstances.describe(c, p.userId(), null).allLive()) {
                out.add(new TaggedResource("aws", region, INSTANCE, i.instanceId(), AwsTags.get(i.tags(),
                        AwsTags.CLUSTER), i.state() == null ? "" : i.state().nameAsString()));
            }
            c.call("DescribeVolumes", null, () -> c.ec2.describeVolumes(DescribeVolumesRequest.builder()
                    .filters(AwsTags.filters(p.userId(), null)).build())).volumes().forEach(v -> out.add(
                    new TaggedResource("aws", region, VOLUME, v.volumeId(), AwsTags.get(v.tags(), AwsTags.CLUSTER),
                            v.stateAsString())));
            c.call("DescribeSecurityGroups", null, () -> c.ec2.describeSecurityGroups(DescribeSecurityGroupsRequest
                    .builder().filters(AwsTags.filters(p.userId(), null)).build())).securityGroups().forEach(g ->
                    out.add(new TaggedResource("aws", region, SECURITY_GROUP, g.groupId(),
                            AwsTags.get(g.tags(), AwsTags.CLUSTER), "")));
            c.call("DescribeKeyPairs", null, () -> c.ec2.describeKeyPairs(DescribeKeyPairsRequest.builder()
                    .filters(AwsTags.filters(p.userId(), null)).build())).keyPairs().forEach(k ->
                    out.add(new TaggedResource("aws", region, KEY_PAIR, k.keyName(), AwsTags.get(k.tags(),
                            AwsTags.CLUSTER), "")));
        }
        return out;
    }

    @Override
    public void delete(List<TaggedResource> resources) {
        Set<String> regions = new LinkedHashSet<>();
        resources.forEach(r -> regions.add(r.region()));
        for (String region : regions) {
            Ec2Calls c = p.calls(region);
            List<String> instances = ids(resources, region, INSTANCE);
            if (!instances.isEmpty()) {
                c.callUnlessNotFound("TerminateInstances", () -> c.ec2.terminateInstances(
                        TerminateInstancesRequest.builder().instanceIds(instances).build()));
                awaitTerminated(c, instances);
            }
            for (String id : ids(resources, region, VOLUME)) {
                c.callUnlessNotFound("DeleteVolume", () -> c.ec2.deleteVolume(
                        DeleteVolumeRequest.builder().volumeId(id).build()));
            }
            for (String id : ids(resources, region, SECURITY_GROUP)) {
                c.callUnlessNotFound("DeleteSecurityGroup", () -> c.ec2.deleteSecurityGroup(
                        DeleteSecurityGroupRequest.builder().groupId(id).build()));
            }
            for (String name : ids(resources, region, KEY_PAIR)) {
                c.callUnlessNotFound("DeleteKeyPair", () -> c.ec2.deleteKeyPair(
                        DeleteKeyPairRequest.builder().keyName(name).build()));
            }
        }
    }

    private void awaitTerminated(Ec2Calls c, List<String> ids) {
        long deadline = System.nanoTime() + AwsProvisioner.TERMINATE_WAIT.toNanos();
        while (ClusterInstances.describe(c, p.userId(), null).all().stream()
                .anyMatch(i -> ids.contains(i.instanceId()) && !ClusterInstances.in(i,
                        software.amazon.awssdk.services.ec2.model.InstanceStateName.TERMINATED))) {
            if (System.nanoTime() - deadline > 0) {
                return; // the groups and volumes still in use fail below with their own message
            }
            p.sleep(java.time.Duration.ofMillis(500));
        }
    }

    /** The regions sky offers for AWS (its catalog's): where sky could have created anything. */
    private List<String> enabledRegions() {
        return new dev.sky.clouds.aws.AwsCloud().offerings(paths).rows().stream()
                .map(dev.sky.optimizer.catalog.CatalogRow::region).distinct().sorted().toList();
    }

    private static List<String> ids(List<TaggedResource> all, String region, String kind) {
        return all.stream().filter(r -> region.equals(r.region()) && kind.equals(r.kind()))
                .map(TaggedResource::id).toList();
    }
}
