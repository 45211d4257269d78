package dev.sky.clouds.aws.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** Bad requests get EC2's error codes and statuses, and create nothing. */
class Ec2EmulatorStrictnessTest {
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

    private static void assertError(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
        assertThat(emulator.liveInstances()).isEmpty();
    }

    private static RunInstancesRequest.Builder good() {
        return RunInstancesRequest.builder().imageId("ami-0123456789abcdef0").instanceType("m6i.large")
                .minCount(1).maxCount(1);
    }

    @Test
    void wrongAccessKeyIsAnAuthFailure() {
        // EC2 answers 401; the url-connection client then cannot read the body (HttpURLConnection refuses
        // to hand out a 401 body in streaming mode), so only the status reaches the caller, as with real EC2.
        try (Ec2Client other = EmulatorClients.ec2(emulator, "us-east-1", "AKIANOTTHEEMULATORS1", false)) {
            assertThatThrownBy(() -> other.runInstances(good().build()))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.awsErrorDetails().errorCode()).isIn(null, "AuthFailure");
                    });
        }
        assertThat(emulator.liveInstances()).isEmpty();
        assertThat(emulator.ledger().calls("RunInstances")).last()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("AuthFailure"));
    }

    @Test
    void missingAndBadParameters() {
        assertError(() -> ec2.runInstances(good().imageId(null).build()), 400, "MissingParameter");
        assertError(() -> ec2.runInstances(good().minCount(null).build()), 400, "MissingParameter");
        assertError(() -> ec2.runInstances(good().minCount(3).maxCount(2).build()), 400, "InvalidParameterValue");
        assertError(() -> ec2.runInstances(good().instanceType("NotAType").build()), 400, "InvalidParameterValue");
        assertError(() -> ec2.runInstances(good().imageId("ubuntu").build()), 400, "InvalidAMIID.Malformed");
        assertError(() -> ec2.runInstances(good().placement(p -> p.availabilityZone("us-east-1z")).build()), 400,
                "InvalidParameterValue");
        assertError(() -> ec2.runInstances(good().keyName("nobody").build()), 400, "InvalidKeyPair.NotFound");
        assertError(() -> ec2.runInstances(good().securityGroupIds("sg-0000000000000000a").build()), 400,
                "InvalidGroup.NotFound");
        assertError(() -> ec2.runInstances(good().instanceInitiatedShutdownBehavior("explode").build()), 400,
                "InvalidParameterValue");
        assertError(() -> ec2.runInstances(good().blockDeviceMappings(b -> b.deviceName("/dev/sda1")
                .ebs(e -> e.volumeSize(100).volumeType("fast"))).build()), 400, "InvalidParameterValue");
        assertError(() -> ec2.runInstances(good().userData("%%% not base64").build()), 400,
                "InvalidUserData.Malformed");
        assertError(() -> ec2.runInstances(good().dryRun(true).build()), 412, "DryRunOperation");
        assertError(() -> ec2.describeInstances(r -> r.filters(Filter.builder().name("colour").values("red")
                .build())), 400, "InvalidParameterValue");
        assertError(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")), 400,
                "InvalidInstanceID.NotFound");
        assertError(() -> ec2.describeInstances(r -> r.instanceIds("vm-1")), 400, "InvalidInstanceID.Malformed");
        assertError(() -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0")), 400,
                "InvalidInstanceID.NotFound");
        assertError(() -> ec2.describeInstances(r -> r.maxResults(2)), 400, "InvalidParameterValue");
        assertError(() -> ec2.createSecurityGroup(r -> r.groupName("x")), 400, "MissingParameter");
    }

    @Test
    void unsignedRequestsAndUnknownActionsAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(post("Action=DescribeInstances&Version=2016-11-15", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("<Code>AuthFailure</Code>").contains("<RequestID>");

        String auth = "AWS4-HMAC-SHA256 Credential=" + emulator.options().accessKeyId()
                + "/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";
        HttpResponse<String> unknown = http.send(post("Action=LaunchRockets&Version=2016-11-15", auth),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");

        HttpResponse<String> noVersion = http.send(post("Action=DescribeInstances", auth),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noVersion.body()).contains("<Code>MissingParameter</Code>");
        assertThat(emulator.ledger().calls("LaunchRockets")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("InvalidAction"));
    }

    private static HttpRequest post(String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }
}
