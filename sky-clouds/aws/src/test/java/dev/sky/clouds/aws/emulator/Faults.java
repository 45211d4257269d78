package dev.sky.clouds.aws.emulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The emulator's fault switches. Thread-safe: a test may flip them while a CLI subprocess talks to the emulator
 * (also through the HTTP control path, see {@link ControlApi}). Every switch stays until cleared or used up;
 * {@link #reset()} clears them all.
 */
public final class Faults {
    private static final String ANY = "*";

    private final Set<String> noCapacity = new HashSet<>();
    private final Map<String, Integer> vcpuQuota = new HashMap<>();
    private final Map<String, Integer> instanceQuota = new HashMap<>();
    private final Map<String, Integer> capacityLimit = new HashMap<>();
    private final Map<String, Long> latencyMillis = new HashMap<>();
    private int throttleNext;
    private long throttleRetryAfter = -1;
    private double ratePerSecond;
    private double rateTokens;
    private long rateRefilledAt;
    private long rateRetryAfter = -1;
    private double throttleFraction;
    private Random throttleDraws;
    private long fractionRetryAfter = -1;
    private final Map<String, Integer> zoneCapacity = new HashMap<>();
    private long invisibleMillis;
    private int createThenFail = -1;
    private int terminateFailures;
    private String terminateFailureCode = "InternalError";
    private int silentTerminations;
    private int describeAfterRun;
    private int describeThrottlesPending;

    /** RunInstances fails with InsufficientInstanceCapacity in {@code zone} (null: every zone) for {@code type}
     * (null: every type). */
    public synchronized Faults insufficientCapacity(String zone, String instanceType) {
        noCapacity.add(key(zone, instanceType));
        return this;
    }

    public synchronized Faults clearCapacity() {
        noCapacity.clear();
        capacityLimit.clear();
        zoneCapacity.clear();
        return this;
    }

    /** At most {@code vcpus} vCPUs of live instances in {@code region}; beyond it, VcpuLimitExceeded. */
    public synchronized Faults vcpuQuota(String region, int vcpus) {
        vcpuQuota.put(region, vcpus);
        return this;
    }

    /** At most {@code count} live instances in {@code region}; beyond it, InstanceLimitExceeded. */
    public synchronized Faults instanceQuota(String region, int count) {
        instanceQuota.put(region, count);
        return this;
    }

    /**
     * Each RunInstances in {@code zone} (null: every zone) can get at most {@code k} instances, the way EC2 does it:
     * MinCount &lt;= k gives min(k, MaxCount); MinCount &gt; k fails with InsufficientInstanceCapacity and creates
     * nothing.
     */
    public synchronized Faults capacityLimit(String zone, int k) {
        capacityLimit.put(zone == null ? ANY : zone, k);
        return this;
    }

    /** The next RunInstances creates {@code k} instances, then fails with InsufficientInstanceCapacity: the
     * instances stay, for the caller to find and clean up. */
    public synchronized Faults createThenFail(int k) {
        createThenFail = k;
        return this;
    }

    /** The next {@code n} calls fail with RequestLimitExceeded (503), with {@code Retry-After: retryAfterSeconds}
     * when it is &gt;= 0. */
    public synchronized Faults throttleNext(int n, long retryAfterSeconds) {
        throttleNext = n;
        throttleRetryAfter = retryAfterSeconds;
        return this;
    }

    /** Calls beyond {@code perSecond} per second (a token bucket of one second) fail with RequestLimitExceeded;
     * 0 turns it off. */
    public synchronized Faults throttleRate(double perSecond, long retryAfterSeconds) {
        ratePerSecond = perSecond;
        rateTokens = perSecond;
        rateRefilledAt = System.nanoTime();
        rateRetryAfter = retryAfterSeconds;
        return this;
    }

    /**
     * Each call is throttled (RequestLimitExceeded) with probability {@code p}, drawn from a generator seeded with
     * {@code seed} (the same seed and call order give the same throttled calls); {@code Retry-After:
     * retryAfterSeconds} when it is &gt;= 0. p 0 turns it off.
     */
    public synchronized Faults throttleFraction(double p, long seed, long retryAfterSeconds) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("throttle fraction must be within [0, 1]: " + p);
        }
        throttleFraction = p;
        throttleDraws = new Random(seed);
        fractionRetryAfter = retryAfterSeconds;
        return this;
    }

    /**
     * {@code zone} holds at most {@code k} live instances: a RunInstances that would go beyond fails with
     * InsufficientInstanceCapacity, so a cluster created node by node gets k of its nodes there (partial success).
     */
    public synchronized Faults zoneCapacity(String zone, int k) {
        zoneCapacity.put(zone, k);
        return this;
    }

    /** Every call (action null) or every call of {@code action} is answered after {@code latency}. */
    public synchronized Faults latency(String action, Duration latency) {
        latencyMillis.put(action == null ? ANY : action, latency.toMillis());
        return this;
    }

    /** A new instance is invisible to DescribeInstances (and unknown by id) for {@code delay}. */
    public synchronized Faults eventualConsistency(Duration delay) {
        invisibleMillis = delay.toMillis();
        return this;
    }

    /** The next {@code n} TerminateInstances fail with {@code code} (InternalError: 500, else 400). */
    public synchronized Faults failTerminations(int n, String code) {
        terminateFailures = n;
        terminateFailureCode = code == null ? "InternalError" : code;
        return this;
    }

    /**
     * After each RunInstances, the next {@code n} DescribeInstances fail with RequestLimitExceeded (no Retry-After):
     * the throttle that hits the wait right after a create; 0 turns it off.
     */
    public synchronized Faults throttleDescribeAfterRun(int n) {
        describeAfterRun = n;
        describeThrottlesPending = 0;
        return this;
    }

    /**
     * The next {@code n} TerminateInstances answer success (the instances reported shutting-down) but leave the
     * instances running: the silent failure of reliability scenario 8(e).
     */
    public synchronized Faults silentTerminations(int n) {
        silentTerminations = n;
        return this;
    }

    public synchronized void reset() {
        noCapacity.clear();
        vcpuQuota.clear();
        instanceQuota.clear();
        capacityLimit.clear();
        zoneCapacity.clear();
        latencyMillis.clear();
        throttleFraction = 0;
        throttleDraws = null;
        throttleNext = 0;
        ratePerSecond = 0;
        invisibleMillis = 0;
        createThenFail = -1;
        terminateFailures = 0;
        silentTerminations = 0;
        describeAfterRun = 0;
        describeThrottlesPending = 0;
    }

    // ---- used by the emulator ----

    synchronized Ec2Error throttle(String action) {
        if (describeAfterRun > 0 && "RunInstances".equals(action)) {
            describeThrottlesPending = describeAfterRun;
        } else if (describeThrottlesPending > 0 && "DescribeInstances".equals(action)) {
            describeThrottlesPending--;
            return throttled(-1);
        }
        if (throttleNext > 0) {
            throttleNext--;
            return throttled(throttleRetryAfter);
        }
        if (throttleFraction > 0 && throttleDraws.nextDouble() < throttleFraction) {
            return throttled(fractionRetryAfter);
        }
        if (ratePerSecond > 0) {
            long now = System.nanoTime();
            rateTokens = Math.min(ratePerSecond, rateTokens + (now - rateRefilledAt) / 1e9 * ratePerSecond);
            rateRefilledAt = now;
            if (rateTokens < 1) {
                return throttled(rateRetryAfter);
            }
            rateTokens -= 1;
        }
        return null;
    }

    private static Ec2Error throttled(long retryAfter) {
        return new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.", retryAfter);
    }

    synchronized long latencyMillis(String action) {
        return latencyMillis.getOrDefault(action, latencyMillis.getOrDefault(ANY, 0L));
    }

    synchronized boolean hasCapacity(String zone, String instanceType) {
        return !noCapacity.contains(key(zone, instanceType)) && !noCapacity.contains(key(zone, null))
                && !noCapacity.contains(key(null, instanceType)) && !noCapacity.contains(key(null, null));
    }

    /** The most instances one request may get in {@code zone}, or Integer.MAX_VALUE. */
    synchronized int capacityLimit(String zone) {
        return capacityLimit.getOrDefault(zone, capacityLimit.getOrDefault(ANY, Integer.MAX_VALUE));
    }

    /** The most live instances {@code zone} may hold, or Integer.MAX_VALUE. */
    synchronized int zoneCapacity(String zone) {
        return zoneCapacity.getOrDefault(zone, Integer.MAX_VALUE);
    }

    /** Takes the create-then-fail switch: k, or -1 when it is off. */
    synchronized int takeCreateThenFail() {
        int k = createThenFail;
        createThenFail = -1;
        return k;
    }

    synchronized Integer vcpuQuota(String region) {
        return vcpuQuota.get(region);
    }

    synchronized Integer instanceQuota(String region) {
        return instanceQuota.get(region);
    }

    synchronized long invisibleMillis() {
        return invisibleMillis;
    }

    synchronized Ec2Error takeTerminateFailure() {
        if (terminateFailures <= 0) {
            return null;
        }
        terminateFailures--;
        int status = terminateFailureCode.equals("InternalError") ? 500 : 400;
        return new Ec2Error(status, terminateFailureCode, "TerminateInstances failed (injected fault)");
    }

    /** Takes one silent termination: true when this TerminateInstances must change nothing. */
    synchronized boolean takeSilentTermination() {
        if (silentTerminations <= 0) {
            return false;
        }
        silentTerminations--;
        return true;
    }

    private static String key(String zone, String type) {
        return (zone == null ? ANY : zone) + "|" + (type == null ? ANY : type);
    }
}
