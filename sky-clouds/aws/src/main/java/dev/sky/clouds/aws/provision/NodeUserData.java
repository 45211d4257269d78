package dev.sky.clouds.aws.provision;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The instance's user data: a {@code #cloud-config} that authorizes sky's key and the cluster's key for the SSH user.
 * Public keys only: user data is readable by anyone who can describe the instance.
 */
final class NodeUserData {
    private NodeUserData() {}

    static String cloudConfig(List<String> publicKeys) {
        StringBuilder sb = new StringBuilder("#cloud-config\n");
        sb.append("users:\n  - default\n");
        sb.append("ssh_authorized_keys:\n");
        for (String k : publicKeys) {
            if (k != null && !k.isBlank()) {
                sb.append("  - ").append(quote(k.strip())).append('\n');
            }
        }
        return sb.toString();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
