package dev.sky.clouds.aws.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. */
final class KeyPairs {
    private static final Set<String> FILTERS = Set.of("key-name", "key-pair-id", "fingerprint");

    private final Ec2World world;

    KeyPairs(Ec2World world) {
        this.world = world;
    }

    String importKey(QueryParams p, String region, String requestId) {
        String name = p.required("KeyName");
        String material = p.required("PublicKeyMaterial");
        String publicKey;
        try {
            publicKey = new String(Base64.getMimeDecoder().decode(material), StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException e) {
            publicKey = material.strip(); // the SDK sends the blob base64-encoded; accept plain text too
        }
        String[] parts = publicKey.split("\\s+");
        if (parts.length < 2 || !(parts[0].startsWith("ssh-") || parts[0].startsWith("ecdsa-"))) {
            throw Ec2Error.invalid("Value for parameter PublicKeyMaterial is invalid. Length exceeds maximum of"
                    + " 2048 or the key is not in a supported format.");
        }
        Map<String, String> tags = RunInstances.tagSpecifications(p).getOrDefault("key-pair", Map.of());
        synchronized (world) {
            boolean exists = world.keyPairs.values().stream()
                    .anyMatch(k -> k.region.equals(region) && k.name.equals(name));
            if (exists) {
                throw Ec2Error.client("InvalidKeyPair.Duplicate", "The keypair already exists");
            }
            Resources.KeyPair k = new Resources.KeyPair(Ec2World.newId("key"), region, name, publicKey,
                    fingerprint(parts[1]));
            k.tags.putAll(tags);
            world.keyPairs.put(k.id, k);
            return new Xml().openNs("ImportKeyPairResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .leaf("keyName", k.name).leaf("keyFingerprint", k.fingerprint).leaf("keyPairId", k.id)
                    .tagSet(k.tags).close("ImportKeyPairResponse").toString();
        }
    }

    String describe(QueryParams p, String region, String requestId) {
        List<String> names = p.list("KeyName");
        List<String> ids = p.list("KeyPairId");
        Filters filters = Filters.parse(p, FILTERS);
        synchronized (world) {
            List<Resources.KeyPair> inRegion = world.keyPairs.values().stream()
                    .filter(k -> k.region.equals(region)).toList();
            List<Resources.KeyPair> chosen = new ArrayList<>();
            for (String n : names) {
                chosen.add(inRegion.stream().filter(k -> k.name.equals(n)).findFirst().orElseThrow(
                        () -> Ec2Error.client("InvalidKeyPair.NotFound", "The key pair '" + n + "' does not exist")));
            }
            for (String id : ids) {
                chosen.add(inRegion.stream().filter(k -> k.id.equals(id)).findFirst().orElseThrow(
                        () -> Ec2Error.client("InvalidKeyPair.NotFound", "The key pair '" + id + "' does not exist")));
            }
            if (names.isEmpty() && ids.isEmpty()) {
                chosen.addAll(inRegion);
            }
            boolean withPublicKey = p.getBoolean("IncludePublicKey", false);
            Xml x = new Xml().openNs("DescribeKeyPairsResponse", Xml.EC2_NS).leaf("requestId", requestId)
                    .open("keySet");
            for (Resources.KeyPair k : chosen) {
                if (filters.matches(k, k.tags, KeyPairs::field)) {
                    x.open("item").leaf("keyPairId", k.id).leaf("keyName", k.name)
                            .leaf("keyFingerprint", k.fingerprint)
                            .leaf("keyType", k.publicKey.startsWith("ssh-ed25519") ? "ed25519" : "rsa")
                            .tagSet(k.tags).leaf("publicKey", withPublicKey ? k.publicKey : null).close("item");
                }
            }
            return x.close("keySet").close("DescribeKeyPairsResponse").toString();
        }
    }

    private static List<String> field(Resources.KeyPair k, String name) {
        return switch (name) {
            case "key-name" -> List.of(k.name);
            case "key-pair-id" -> List.of(k.id);
            case "fingerprint" -> List.of(k.fingerprint);
            default -> List.of();
        };
    }

    /** Deleting a key pair that does not exist succeeds, as in EC2. */
    String delete(QueryParams p, String region, String requestId) {
        String name = p.get("KeyName");
        String id = p.get("KeyPairId");
        if (name == null && id == null) {
            throw Ec2Error.missing("KeyName");
        }
        synchronized (world) {
            world.keyPairs.values().removeIf(k -> k.region.equals(region)
                    && (k.name.equals(name) || k.id.equals(id)));
            return Network.ok("DeleteKeyPairResponse", requestId);
        }
    }

    private static String fingerprint(String blob) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(md5);
            return hex.replaceAll("(..)(?!$)", "$1:");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
