package dev.sky.clouds.aws.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One emulated EC2 instance. Mutable; guarded by the {@link Ec2World} lock. */
final class EmulatedInstance {
    final String id;
    final String reservationId;
    final String region;
    final String zone;
    final String instanceType;
    final String imageId;
    final String keyName;
    final List<String> securityGroupIds;
    final boolean spot;
    final String clientToken;
    final String subnetId;
    final int launchIndex;
    final Instant launchTime;
    /** Public keys to authorize on the node: the key pair's, then those of the cloud-config user data. */
    final List<String> authorizedKeys;
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<String> volumeIds = new ArrayList<>();

    /** InstanceInitiatedShutdownBehavior: "stop" or "terminate"; ModifyInstanceAttribute changes it. */
    String shutdownBehavior;
    InstanceState state = InstanceState.PENDING;
    String stateReasonCode;
    String stateReasonMessage;
    String privateIp;
    String publicIp;
    /** When the current transitional state may settle (fast mode timing). */
    long settleAtMillis;
    /** Invisible to DescribeInstances before this time (eventual consistency). */
    long visibleAtMillis;
    long terminatedAtMillis;
    /** Set while the node backend works for this instance; the state settles only when it is done. */
    boolean backendBusy;
    /** The chain of node work, so that operations on one instance run in order. */
    CompletableFuture<Void> work = CompletableFuture.completedFuture(null);

    EmulatedInstance(String id, String reservationId, String region, String zone, String instanceType,
                     String imageId, String keyName, List<String> securityGroupIds, boolean spot,
                     String shutdownBehavior, String clientToken, String subnetId, int launchIndex,
                     Instant launchTime, List<String> authorizedKeys) {
        this.id = id;
        this.reservationId = reservationId;
        this.region = region;
        this.zone = zone;
        this.instanceType = instanceType;
        this.imageId = imageId;
        this.keyName = keyName;
        this.securityGroupIds = List.copyOf(securityGroupIds);
        this.spot = spot;
        this.shutdownBehavior = shutdownBehavior;
        this.clientToken = clientToken;
        this.subnetId = subnetId;
        this.launchIndex = launchIndex;
        this.launchTime = launchTime;
        this.authorizedKeys = List.copyOf(authorizedKeys);
    }

    boolean live() {
        return state != InstanceState.TERMINATED;
    }

    void moveTo(InstanceState next, long settleAt, String reasonCode, String reasonMessage) {
        state = next;
        settleAtMillis = settleAt;
        stateReasonCode = reasonCode;
        stateReasonMessage = reasonMessage;
    }
}
