package dev.sky.clouds.aws.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The user's sky public key imported as an EC2 key pair, named after the user's sky id and the key's fingerprint, so
 * that one import serves every cluster and a new key gets a new name. Tagged with the user id; never deleted with a
 * cluster (other clusters use it): {@code sky gc} lists it.
 */
final class SkyKeyPair {
    private SkyKeyPair() {}

    static String name(String userId, String publicKeyLine) {
        return "sky-key-" + userId + "-" + fingerprint(publicKeyLine).substring(0, 10);
    }

    /** Imports the key unless a key pair of that name exists; returns its name. */
    static String ensure(Ec2Calls calls, String userId, String publicKeyLine) {
        String name = name(userId, publicKeyLine);
        try {
            calls.call("ImportKeyPair", null, () -> calls.ec2.importKeyPair(ImportKeyPairRequest.builder()
                    .keyName(name).publicKeyMaterial(SdkBytes.fromString(publicKeyLine.strip(), StandardCharsets.UTF_8))
                    .tagSpecifications(AwsTags.spec(ResourceType.KEY_PAIR, AwsTags.of(userId, null, -1,
                            java.util.Map.of()))).build()));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("InvalidKeyPair.Duplicate")) {
                throw e;
            }
        }
        return name;
    }

    private static String fingerprint(String publicKeyLine) {
        String[] parts = publicKeyLine.strip().split("\\s+");
        String body = parts.length > 1 ? parts[1] : parts[0];
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
