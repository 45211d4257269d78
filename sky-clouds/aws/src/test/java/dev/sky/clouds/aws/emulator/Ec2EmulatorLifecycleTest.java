package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Volume;

/** Stop, start, shutdown from inside, preemption, volumes, filters, pages and regions, in fast mode. */
class Ec2EmulatorLifecycleTest {
    private static Ec2Emulator emulator;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        emulator = Ec2Emulator.startFast();
        ec2 = EmulatorClients.ec2(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        ec2.close();
        emulator.close();
    }

    @AfterEach
    void cleanUp() {
        for (Ec2Emulator.InstanceView i : emulator.liveInstances()) {
            try (Ec2Client regional = EmulatorClients.ec2(emulator, i.region())) {
                regional.terminateInstances(r -> r.instanceIds(i.id()));
            }
        }
        assertThat(emulator.liveInstances()).isEmpty();
    }

    private static String runOne(String cluster, boolean spot, String shutdownBehavior) {
        return ec2.runInstances(Ec2EmulatorInstancesTest.request(cluster)
                .instanceMarketOptions(spot ? m -> m.marketType(MarketType.SPOT) : m -> { })
                .instanceInitiatedShutdownBehavior(shutdownBehavior).build()).instances().get(0).instanceId();
    }

    private static Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void transitionalStatesLastTheirConfiguredTime() {
        Duration hour = Duration.ofHours(1);
        try (Ec2Emulator slow = Ec2Emulator.start(EmulatorOptions.fast().withTransitions(hour, hour, hour));
             Ec2Client c = EmulatorClients.ec2(slow, "us-east-1")) {
            String id = c.runInstances(Ec2EmulatorInstancesTest.request("slow").build()).instances().get(0)
                    .instanceId();
            assertThat(c.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state()
                    .name()).isEqualTo(InstanceStateName.PENDING);
            c.terminateInstances(r -> r.instanceIds(id));
            assertThat(slow.instance(id).state()).isEqualTo("shutting-down");
            assertThat(slow.liveInstances()).as("shutting down is still billed").hasSize(1);
        }
    }

    @Test
    void stopAndStartInPlace() {
        String id = runOne("st", false, "stop");
        var stopped = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stopped.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(emulator.liveInstances()).as("a stopped instance is still there").hasSize(1);
        ec2.stopInstances(r -> r.instanceIds(id)); // stopping a stopped instance succeeds
        ec2.startInstances(r -> r.instanceIds(id));
        Instance started = describe(id);
        assertThat(started.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(started.placement().availabilityZone()).isEqualTo("us-east-1a");
    }

    @Test
    void spotCannotBeStoppedAndIsPreempted() {
        String id = runOne("spot", true, "terminate");
        assertThat(describe(id).instanceLifecycleAsString()).isEqualTo("spot");
        assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds(id)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation"));
        emulator.preempt(id);
        Instance gone = describe(id);
        assertThat(gone.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(gone.stateReason().code()).isEqualTo("Server.SpotInstanceTermination");
        assertThat(emulator.liveInstances()).isEmpty();
    }

    @Test
    void shutdownFromInsideFollowsTheShutdownBehavior() {
        String stops = runOne("sd-stop", false, "stop");
        String ends = runOne("sd-term", false, "terminate");
        emulator.shutdownFromInside(stops);
        emulator.shutdownFromInside(ends);
        assertThat(describe(stops).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(describe(stops).stateReason().code()).isEqualTo("Client.InstanceInitiatedShutdown");
        assertThat(describe(ends).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(emulator.liveInstances()).extracting(Ec2Emulator.InstanceView::id).containsExactly(stops);
    }

    @Test
    void shutdownBehaviorCanBeChangedOnALiveInstance() {
        String id = runOne("modify", false, "stop");
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceInitiatedShutdownBehavior(v -> v.value("terminate")));
        assertThat(ec2.describeInstanceAttribute(r -> r.instanceId(id).attribute("instanceInitiatedShutdownBehavior"))
                .instanceInitiatedShutdownBehavior().value()).isEqualTo("terminate");
        assertThatThrownBy(() -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("x"))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("emulator handles only"));
        emulator.shutdownFromInside(id);
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.TERMINATED);
    }

    @Test
    void volumesFollowTheirInstance() {
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("vol")
                .imageId("resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id")
                .blockDeviceMappings(b -> b.deviceName("/dev/sda1").ebs(e -> e.volumeSize(256).volumeType("gp3")),
                        b -> b.deviceName("/dev/sdf").ebs(e -> e.volumeSize(10).deleteOnTermination(false)))
                .tagSpecifications(t -> t.resourceType("volume").tags(g -> g.key("sky-cluster").value("vol")))
                .build()).instances().get(0).instanceId();
        Instance created = describe(id);
        assertThat(created.imageId()).matches("ami-0[0-9a-f]{16}");
        List<Volume> volumes = ec2.describeVolumes(r -> r.filters(Filter.builder().name("tag:sky-cluster")
                .values("vol").build())).volumes();
        assertThat(volumes).extracting(Volume::size).containsExactlyInAnyOrder(256, 10);
        assertThat(volumes).allSatisfy(v -> assertThat(v.stateAsString()).isEqualTo("in-use"));
        Volume root = volumes.stream().filter(v -> v.size() == 256).findFirst().orElseThrow();
        assertThat(root.volumeTypeAsString()).isEqualTo("gp3");
        assertThatThrownBy(() -> ec2.deleteVolume(r -> r.volumeId(root.volumeId())))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("VolumeInUse"));

        ec2.terminateInstances(r -> r.instanceIds(id));
        List<Volume> left = ec2.describeVolumes(r -> r.filters(Filter.builder().name("tag:sky-cluster")
                .values("vol").build())).volumes();
        assertThat(left).singleElement().satisfies(v -> {
            assertThat(v.size()).isEqualTo(10);
            assertThat(v.stateAsString()).isEqualTo("available");
        });
        ec2.deleteVolume(r -> r.volumeId(left.get(0).volumeId()));
        assertThat(ec2.describeVolumes().volumes()).isEmpty();
    }

    @Test
    void filtersPagesAndRegions() {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            ids.add(runOne("page", false, "stop"));
        }
        String other = ec2.runInstances(Ec2EmulatorInstancesTest.request("other")
                .placement(p -> p.availabilityZone("us-east-1c")).build()).instances().get(0).instanceId();
        ec2.stopInstances(r -> r.instanceIds(ids.get(0)));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeInstancesResponse page = ec2.describeInstances(r -> r.maxResults(5).nextToken(next)
                    .filters(Filter.builder().name("tag:sky-cluster").values("page").build()));
            page.reservations().forEach(res -> res.instances().forEach(i -> seen.add(i.instanceId())));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyElementsOf(ids);

        assertThat(ids(Filter.builder().name("instance-state-name").values("stopped").build()))
                .containsExactly(ids.get(0));
        assertThat(ids(Filter.builder().name("availability-zone").values("us-east-1c").build()))
                .containsExactly(other);
        assertThat(ids(Filter.builder().name("tag-key").values("sky-*").build(), Filter.builder()
                .name("instance-state-name").values("running", "stopped").build())).hasSize(8);
        assertThat(ids(Filter.builder().name("instance-id").values(other, ids.get(1)).build()))
                .containsExactlyInAnyOrder(other, ids.get(1));

        try (Ec2Client west = EmulatorClients.ec2(emulator, "us-west-2")) {
            assertThat(west.describeInstances().reservations()).isEmpty();
            assertThat(west.describeAvailabilityZones().availabilityZones()).extracting(AvailabilityZone::zoneName)
                    .contains("us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d");
            String westId = west.runInstances(Ec2EmulatorInstancesTest.request("west").build()).instances().get(0)
                    .instanceId();
            assertThat(emulator.instance(westId).zone()).isEqualTo("us-west-2a");
        }
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(AvailabilityZone::zoneName)
                .contains("us-east-1a", "us-east-1f");
    }

    private static List<String> ids(Filter... f) {
        return ec2.describeInstances(r -> r.filters(f)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
    }
}
