package dev.sky.clouds.gcp.storage;

import dev.sky.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's identities: service accounts whose JSON key files it writes (their {@code token_uri} points at the
 * emulator), OAuth2 access tokens issued for a signed JWT grant (or a self-signed JWT used directly as a bearer
 * token), and STS token exchange with a Credential Access Boundary that limits a token to named buckets.
 */
final class GcsEmulatorAuth {
    /** Who a bearer token speaks for; {@code buckets} null = every bucket of the project. */
    record Principal(String email, String project, Set<String> buckets) {
        boolean mayUseObjectsOf(String bucket) {
            return buckets == null || buckets.contains(bucket);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static KeyPair sharedPair;
    private final Map<String, PublicKey> keysByEmail = new ConcurrentHashMap<>();
    private final Map<String, String> projectsByEmail = new ConcurrentHashMap<>();
    private final Map<String, Principal> tokens = new ConcurrentHashMap<>();

    /** Writes a service-account key file for {@code project} (0600) whose tokens come from {@code tokenUri}. */
    Path writeServiceAccount(Path file, String name, String project, String tokenUri) throws IOException {
        KeyPair pair = keyPair();
        String email = name + "@" + project + ".iam.gserviceaccount.com";
        keysByEmail.put(email, pair.getPublic());
        projectsByEmail.put(email, project);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", project);
        json.put("private_key_id", Long.toHexString(RANDOM.nextLong()));
        json.put("private_key", pem);
        json.put("client_email", email);
        json.put("client_id", Long.toString(Math.abs(RANDOM.nextLong())));
        json.put("token_uri", tokenUri);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.write(json));
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: nothing to narrow.
        }
        return file;
    }

    /** One RSA key pair per JVM: generating one takes seconds on a busy machine; accounts differ by email. */
    private static synchronized KeyPair keyPair() {
        if (sharedPair == null) {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                sharedPair = gen.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return sharedPair;
    }

    /** The OAuth2 JWT-bearer grant: a token for the service account that signed the assertion, or null. */
    String grant(String assertion) {
        Map<String, Object> claims = verifiedClaims(assertion);
        if (claims == null) {
            return null;
        }
        String email = (String) claims.get("iss");
        return issue(new Principal(email, projectsByEmail.get(email), null));
    }

    /** RFC 8693 exchange: a token limited to the buckets named in the access boundary, or null if refused. */
    String exchange(String subjectToken, String optionsJson) {
        Principal source = principal("Bearer " + subjectToken);
        if (source == null || optionsJson == null) {
            return null;
        }
        Set<String> buckets = new java.util.HashSet<>();
        Object boundary = Json.parseObject(optionsJson).get("accessBoundary");
        if (!(boundary instanceof Map<?, ?> b) || !(b.get("accessBoundaryRules") instanceof List<?> rules)) {
            return null;
        }
        for (Object rule : rules) {
            String resource = rule instanceof Map<?, ?> r ? (String) r.get("availableResource") : null;
            String prefix = "//storage.googleapis.com/projects/_/buckets/";
            if (resource == null || !resource.startsWith(prefix)) {
                return null;
            }
            buckets.add(resource.substring(prefix.length()));
        }
        if (buckets.isEmpty() || (source.buckets() != null && !source.buckets().containsAll(buckets))) {
            return null;
        }
        return issue(new Principal(source.email(), source.project(), Set.copyOf(buckets)));
    }

    /** The principal behind an Authorization header, or null when it is missing or not ours. */
    Principal principal(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String token = authorization.substring(7).strip();
        Principal p = tokens.get(token);
        if (p != null || token.chars().filter(c -> c == '.').count() != 2) {
            return p;
        }
        // A self-signed JWT, which Google accepts in place of an access token.
        Map<String, Object> claims = verifiedClaims(token);
        return claims == null ? null : new Principal((String) claims.get("iss"),
                projectsByEmail.get((String) claims.get("iss")), null);
    }

    private String issue(Principal p) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = "ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, p);
        return token;
    }

    private Map<String, Object> verifiedClaims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            Map<String, Object> claims = Json.parseObject(new String(d.decode(parts[1]), StandardCharsets.UTF_8));
            PublicKey key = keysByEmail.get(String.valueOf(claims.get("iss")));
            if (key == null) {
                return null;
            }
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(d.decode(parts[2]))) {
                return null;
            }
            Object exp = claims.get("exp");
            if (exp instanceof Number n && n.longValue() < System.currentTimeMillis() / 1000) {
                return null;
            }
            return claims;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }
}
