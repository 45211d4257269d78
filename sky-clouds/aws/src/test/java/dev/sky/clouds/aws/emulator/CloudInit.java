package dev.sky.clouds.aws.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The part of cloud-init the emulator honours: {@code ssh_authorized_keys:} of a {@code #cloud-config} user data,
 * which is how the AWS provisioner authorizes extra keys (such as the cluster key) on a node.
 */
final class CloudInit {
    private CloudInit() {}

    /** Decodes RunInstances' base64 UserData; InvalidUserData.Malformed when it is not base64. */
    static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Ec2Error.client("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
        }
    }

    /** The keys listed under {@code ssh_authorized_keys:}, in order; none when it is not a cloud-config. */
    static List<String> authorizedKeys(String userData) {
        List<String> keys = new ArrayList<>();
        if (userData == null || !userData.startsWith("#cloud-config")) {
            return keys;
        }
        boolean inList = false;
        for (String raw : userData.split("\n")) {
            String line = raw.stripTrailing();
            if (line.startsWith("ssh_authorized_keys:")) {
                inList = true;
                continue;
            }
            if (!inList) {
                continue;
            }
            String t = line.strip();
            if (t.startsWith("- ")) {
                keys.add(unquote(t.substring(2).strip()));
            } else if (!t.isEmpty() && !t.startsWith("#")) {
                inList = false;
            }
        }
        return keys;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
