package dev.sky.clouds.aws.credentials;

import dev.sky.core.config.JsonFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The AWS CLI v2's SSO token cache: {@code ~/.aws/sso/cache/<sha1>.json}, keyed by the sso-session name (or, for
 * legacy profiles, the start URL). Only the expiry and whether a refresh token exists are read; the tokens never
 * leave the file.
 */
final class SsoTokenCache {
    enum State { VALID, EXPIRED, MISSING }

    private SsoTokenCache() {}

    static State state(Path userHome, String cacheKey, Instant now) {
        Path file = userHome.resolve(".aws/sso/cache").resolve(sha1(cacheKey) + ".json");
        if (!Files.isRegularFile(file)) {
            return State.MISSING;
        }
        try {
            Map<String, Object> token = JsonFile.readObject(file);
            if (JsonFile.string(token, "refreshToken") != null) {
                return State.VALID; // the SDK renews the access token itself
            }
            String expires = JsonFile.string(token, "expiresAt");
            if (expires == null) {
                return State.EXPIRED;
            }
            return parse(expires).isAfter(now) ? State.VALID : State.EXPIRED;
        } catch (IOException | DateTimeParseException e) {
            return State.EXPIRED;
        }
    }

    /** The CLI writes {@code 2024-05-01T12:00:00Z} or, in older versions, {@code 2024-05-01T12:00:00UTC}. */
    private static Instant parse(String text) {
        String t = text.strip();
        if (t.endsWith("UTC")) {
            t = t.substring(0, t.length() - 3) + "Z";
        }
        return Instant.parse(t);
    }

    static String sha1(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }
}
