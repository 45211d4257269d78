package dev.sky.clouds.aws.emulator;

import dev.sky.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * STS GetFederationToken, as strict as AWS: Name required (2-32 of [\w+=,.@-]), Policy optional (JSON, at most
 * 2,048 characters), DurationSeconds optional (900-129,600), and refused to callers signing with session
 * credentials. The test decides which key pairs it hands out ({@link #issueFederationKeys}); each request, its
 * Policy included, is in the emulator's ledger. Thread-safe.
 */
public final class StsFederation {
    /** A key pair the emulator hands out, in the order issued. */
    public record Keys(String accessKeyId, String secretAccessKey) {}

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{2,32}");
    private static final int MAX_POLICY = 2048;

    private final Deque<Keys> queued = new ArrayDeque<>();
    private Keys last;

    /** The next calls get these keys, in order; the last one is then handed out again. */
    public synchronized StsFederation issueFederationKeys(String accessKeyId, String secretAccessKey) {
        queued.add(new Keys(accessKeyId, secretAccessKey));
        return this;
    }

    String answer(QueryParams p, EmulatorOptions o, boolean sessionCaller, String requestId) {
        if (sessionCaller) {
            throw new Ec2Error(403, "AccessDenied", "Cannot call GetFederationToken with session credentials");
        }
        String name = p.get("Name");
        if (name == null) {
            throw new Ec2Error(400, "ValidationError", "1 validation error detected: Value null at 'name' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        if (!NAME.matcher(name).matches()) {
            throw new Ec2Error(400, "ValidationError", "1 validation error detected: Value '" + name + "' at 'name'"
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
                    + " and length 2-32");
        }
        long seconds = duration(p.get("DurationSeconds"));
        String policy = p.get("Policy");
        if (policy != null) {
            if (policy.length() > MAX_POLICY) {
                throw new Ec2Error(400, "PackedPolicyTooLarge", "Packed size of the policy exceeds 100% of the limit");
            }
            try {
                Json.parseObject(policy);
            } catch (RuntimeException e) {
                throw new Ec2Error(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
            }
        }
        Keys k = next();
        String expiry = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
        return new Xml().openNs("GetFederationTokenResponse", Xml.STS_NS).open("GetFederationTokenResult")
                .open("Credentials").leaf("AccessKeyId", k.accessKeyId()).leaf("SecretAccessKey", k.secretAccessKey())
                .leaf("SessionToken", "FQoGZXIvYXdzE-emulator-" + UUID.randomUUID()).leaf("Expiration", expiry)
                .close("Credentials").open("FederatedUser")
                .leaf("Arn", "arn:aws:sts::" + o.accountId() + ":federated-user/" + name)
                .leaf("FederatedUserId", o.accountId() + ":" + name).close("FederatedUser")
                .leaf("PackedPolicySize", policy == null ? 0 : Math.max(1, policy.length() * 100 / MAX_POLICY))
                .close("GetFederationTokenResult").open("ResponseMetadata").leaf("RequestId", requestId)
                .close("ResponseMetadata").close("GetFederationTokenResponse").toString();
    }

    private static long duration(String v) {
        if (v == null) {
            return Duration.ofHours(12).toSeconds(); // AWS's default
        }
        long s;
        try {
            s = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Ec2Error(400, "ValidationError", "Value '" + v + "' at 'durationSeconds' is not a number");
        }
        if (s < 900 || s > 129_600) {
            throw new Ec2Error(400, "ValidationError", "1 validation error detected: Value '" + v + "' at"
                    + " 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and"
                    + " 129600");
        }
        return s;
    }

    private synchronized Keys next() {
        if (!queued.isEmpty()) {
            last = queued.poll();
        }
        if (last == null) {
            String id = UUID.randomUUID().toString().replace("-", "").toUpperCase();
            last = new Keys("ASIA" + id.substring(0, 16), "emulator-federated-" + id);
        }
        return last;
    }
}
