package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** Every fault switch, through the real SDK; and the control path a test uses while a CLI subprocess runs. */
class Ec2EmulatorFaultsTest {
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
        emulator.faults().reset();
        emulator.liveInstances().forEach(i -> ec2.terminateInstances(r -> r.instanceIds(i.id())));
        assertThat(emulator.liveInstances()).isEmpty();
    }

    private static AwsServiceException failure(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    private static RunInstancesRequest.Builder in(String zone, int min, int max) {
        return Ec2EmulatorInstancesTest.request("f").placement(p -> p.availabilityZone(zone)).minCount(min)
                .maxCount(max);
    }

    @Test
    void insufficientCapacityPerZoneAndType() {
        emulator.faults().insufficientCapacity("us-east-1a", null).insufficientCapacity(null, "p4d.24xlarge");
        AwsServiceException e = failure(() -> ec2.runInstances(in("us-east-1a", 1, 1).build()));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(failure(() -> ec2.runInstances(in("us-east-1b", 1, 1).instanceType("p4d.24xlarge").build()))
                .awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(emulator.liveInstances()).isEmpty();
        Instance placed = ec2.runInstances(Ec2EmulatorInstancesTest.request("f").build()).instances().get(0);
        assertThat(placed.placement().availabilityZone()).as("EC2 picks a zone with capacity").isEqualTo("us-east-1b");
    }

    @Test
    void quotasPerRegion() {
        emulator.faults().vcpuQuota("us-east-1", 4); // m6i.large has 2 vCPUs
        ec2.runInstances(in("us-east-1a", 2, 2).build());
        AwsServiceException e = failure(() -> ec2.runInstances(in("us-east-1a", 1, 1).build()));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("VcpuLimitExceeded");
        assertThat(e.statusCode()).isEqualTo(400);
        try (Ec2Client west = EmulatorClients.ec2(emulator, "us-west-2")) {
            emulator.faults().instanceQuota("us-west-2", 1);
            String id = west.runInstances(Ec2EmulatorInstancesTest.request("w").build()).instances().get(0)
                    .instanceId();
            assertThat(failure(() -> west.runInstances(Ec2EmulatorInstancesTest.request("w").build()))
                    .awsErrorDetails().errorCode()).isEqualTo("InstanceLimitExceeded");
            west.terminateInstances(r -> r.instanceIds(id));
        }
        assertThat(emulator.liveInstances()).hasSize(2);
    }

    @Test
    void partialSuccessTheWayEc2DoesIt() {
        emulator.faults().capacityLimit("us-east-1a", 2);
        assertThat(ec2.runInstances(in("us-east-1a", 1, 4).build()).instances()).hasSize(2);
        assertThat(failure(() -> ec2.runInstances(in("us-east-1a", 3, 4).build())).awsErrorDetails().errorCode())
                .isEqualTo("InsufficientInstanceCapacity");
        assertThat(emulator.liveInstances()).hasSize(2);
    }

    @Test
    void createThenFailLeavesInstancesToCleanUp() {
        emulator.faults().createThenFail(1);
        RunInstancesRequest req = in("us-east-1a", 3, 3).clientToken("attempt-1").build();
        assertThat(failure(() -> ec2.runInstances(req)).awsErrorDetails().errorCode())
                .isEqualTo("InsufficientInstanceCapacity");
        assertThat(emulator.liveInstances()).hasSize(1);
        assertThat(emulator.createdInstances("attempt-1")).hasSize(1);
        List<Instance> found = ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:sky-cluster")
                .values("f").build())).reservations().get(0).instances();
        assertThat(found).hasSize(1);
        // the same token again gives back what was made, never more
        assertThat(ec2.runInstances(req).instances()).hasSize(1);
        assertThat(emulator.liveInstances()).hasSize(1);
    }

    @Test
    void throttlingWithAndWithoutRetryAfter() {
        emulator.faults().throttleNext(2, 3);
        AwsServiceException first = failure(() -> ec2.describeInstances());
        assertThat(first.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).contains("3");
        assertThat(failure(() -> ec2.describeInstances()).isThrottlingException()).isTrue();
        ec2.describeInstances();

        emulator.faults().throttleNext(1, -1);
        AwsServiceException bare = failure(() -> ec2.describeInstances());
        assertThat(bare.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).isEqualTo(
                Optional.empty());

        emulator.faults().throttleNext(1, -1);
        try (Ec2Client retrying = EmulatorClients.ec2(emulator, "us-east-1", emulator.options().accessKeyId(), true)) {
            int before = emulator.ledger().count("DescribeInstances");
            retrying.describeInstances();
            assertThat(emulator.ledger().count("DescribeInstances") - before).as("one throttled, one answered")
                    .isEqualTo(2);
        }

        emulator.faults().throttleRate(2, 1);
        long throttled = java.util.stream.IntStream.range(0, 10).filter(n -> {
            try {
                ec2.describeAvailabilityZones();
                return false;
            } catch (AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("RequestLimitExceeded");
            }
        }).count();
        assertThat(throttled).as("a burst of 10 against 2 per second").isGreaterThanOrEqualTo(5);
    }

    @Test
    void aSeededFractionOfCallsIsThrottledTheSameWayForTheSameSeed() {
        emulator.faults().throttleFraction(0.5, 42, 2);
        List<Boolean> first = throttledPattern(200);
        long count = first.stream().filter(b -> b).count();
        assertThat(count).as("about half of 200 calls").isBetween(70L, 130L);
        emulator.faults().throttleFraction(0.5, 42, 2);
        assertThat(throttledPattern(200)).as("the same seed throttles the same calls").isEqualTo(first);
        emulator.faults().throttleFraction(0.5, 43, 2);
        assertThat(throttledPattern(200)).as("another seed, other calls").isNotEqualTo(first);
        AwsServiceException e = failure(() -> {
            for (int n = 0; n < 100; n++) {
                ec2.describeAvailabilityZones();
            }
        });
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).contains("2");
        emulator.faults().throttleFraction(0, 1, -1);
        assertThat(throttledPattern(50)).as("p 0: off").doesNotContain(true);
    }

    private static List<Boolean> throttledPattern(int calls) {
        return java.util.stream.IntStream.range(0, calls).mapToObj(n -> {
            try {
                ec2.describeAvailabilityZones();
                return false;
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
                return true;
            }
        }).toList();
    }

    @Test
    void aZoneWithRoomForKInstancesGivesANodeByNodeClusterKOfItsNodes() {
        emulator.faults().zoneCapacity("us-east-1a", 2);
        ec2.runInstances(in("us-east-1a", 1, 1).build());
        ec2.runInstances(in("us-east-1a", 1, 1).build());
        assertThat(failure(() -> ec2.runInstances(in("us-east-1a", 1, 1).build())).awsErrorDetails().errorCode())
                .isEqualTo("InsufficientInstanceCapacity");
        assertThat(ec2.runInstances(in("us-east-1b", 1, 1).build()).instances()).as("other zones are not limited")
                .hasSize(1);
        String one = emulator.liveInstances().stream().filter(i -> i.zone().equals("us-east-1a")).findFirst()
                .orElseThrow().id();
        ec2.terminateInstances(r -> r.instanceIds(one));
        assertThat(ec2.runInstances(in("us-east-1a", 1, 1).build()).instances()).as("room again after a terminate")
                .hasSize(1);
    }

    @Test
    void latencyIsAddedToEachCall() {
        emulator.faults().latency("DescribeAvailabilityZones", Duration.ofMillis(300));
        long start = System.nanoTime();
        ec2.describeAvailabilityZones();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        ec2.describeInstances();
        assertThat(emulator.ledger().calls()).last().satisfies(c -> assertThat(c.injectedLatency()).isZero());
        assertThat(emulator.ledger().totalInjectedLatency()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void eventualConsistencyHidesNewInstances() throws InterruptedException {
        emulator.faults().eventualConsistency(Duration.ofMillis(400));
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("ec").build()).instances().get(0)
                .instanceId();
        assertThat(failure(() -> ec2.describeInstances(r -> r.instanceIds(id))).awsErrorDetails().errorCode())
                .isEqualTo("InvalidInstanceID.NotFound");
        Filter mine = Filter.builder().name("tag:sky-cluster").values("ec").build();
        assertThat(ec2.describeInstances(r -> r.filters(mine)).reservations()).isEmpty();
        assertThat(emulator.liveInstances()).as("the ledger knows it all along").hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ec2.describeInstances(r -> r.filters(mine)).reservations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations()).hasSize(1);
    }

    @Test
    void terminateFailures() {
        emulator.ledger().clear();
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("tf").build()).instances().get(0).instanceId();
        emulator.faults().failTerminations(1, null);
        AwsServiceException e = failure(() -> ec2.terminateInstances(r -> r.instanceIds(id)));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        assertThat(emulator.liveInstances()).hasSize(1);
        ec2.terminateInstances(r -> r.instanceIds(id));
        assertThat(emulator.liveInstances()).isEmpty();
        assertThat(emulator.ledger().calls("TerminateInstances")).extracting(Ledger.Call::outcome)
                .containsExactly("InternalError", "ok");
    }

    @Test
    void describeRightAfterRunInstancesCanBeThrottled() {
        emulator.faults().throttleDescribeAfterRun(1);
        ec2.describeInstances();
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("dr").build()).instances().get(0).instanceId();
        assertThat(failure(() -> ec2.describeInstances(r -> r.instanceIds(id))).awsErrorDetails().errorCode())
                .isEqualTo("RequestLimitExceeded");
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations()).hasSize(1);
    }

    @Test
    void silentTerminationAnswersSuccessButTheInstanceKeepsRunning() {
        String id = ec2.runInstances(Ec2EmulatorInstancesTest.request("ts").build()).instances().get(0).instanceId();
        emulator.faults().silentTerminations(1);
        var answer = ec2.terminateInstances(r -> r.instanceIds(id));
        assertThat(answer.terminatingInstances()).singleElement()
                .satisfies(c -> assertThat(c.currentState().nameAsString()).isEqualTo("shutting-down"));
        assertThat(emulator.instance(id).state()).isEqualTo("running");
        assertThat(emulator.liveInstances()).extracting(Ec2Emulator.InstanceView::id).containsExactly(id);
        ec2.terminateInstances(r -> r.instanceIds(id));
        assertThat(emulator.liveInstances()).isEmpty();
    }

    @Test
    void controlPathFlipsFaultsFromOutside() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(control(http, "capacity?zone=us-east-1a").statusCode()).isEqualTo(200);
        assertThat(failure(() -> ec2.runInstances(in("us-east-1a", 1, 1).build())).awsErrorDetails().errorCode())
                .isEqualTo("InsufficientInstanceCapacity");
        control(http, "reset");
        String id = ec2.runInstances(in("us-east-1a", 1, 1).build()).instances().get(0).instanceId();
        assertThat(control(http, "live").body().strip()).isEqualTo(id);
        control(http, "throttle?next=1&retryAfter=1");
        assertThat(failure(() -> ec2.describeInstances()).awsErrorDetails().errorCode())
                .isEqualTo("RequestLimitExceeded");
        control(http, "shutdown?instance=" + id);
        assertThat(emulator.instance(id).state()).isEqualTo("stopped");
        HttpResponse<String> bad = control(http, "explode");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown control command 'explode'");
    }

    private static HttpResponse<String> control(HttpClient http, String command) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.controlEndpoint() + "/" + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ledgerKeepsSecretsOut() {
        ec2.runInstances(Ec2EmulatorInstancesTest.request("secret").userData("I2Nsb3VkLWNvbmZpZwo=").build());
        assertThat(emulator.ledger().calls("RunInstances")).last()
                .satisfies(c -> assertThat(c.params()).containsEntry("UserData", "(redacted)"));
    }
}
